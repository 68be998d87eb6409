// A thin shim over ncursesw's wide-character API for Swift.
// SwiftPM drops the .pc file's feature macros, so they are set here.
#ifndef CLEW_NCURSESW_SHIM_H
#define CLEW_NCURSESW_SHIM_H
#define _XOPEN_SOURCE_EXTENDED 1
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <wchar.h>
#include <langinfo.h>
#include <ncursesw/ncurses.h>
#endif
