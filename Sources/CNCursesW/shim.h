// A thin shim over ncursesw's wide-character API for Swift.
// SwiftPM drops the .pc file's feature macros, so they are set here.
//
// Swift 6 strict concurrency rejects the C globals (stdscr, COLS, LINES, COLORS, COLOR_PAIRS) and
// cannot import the attribute/mouse macros, so small `static inline` accessors follow. Every curses
// call must stay on one thread; these accessors do not change that.
#ifndef CLEW_NCURSESW_SHIM_H
#define CLEW_NCURSESW_SHIM_H
#define _XOPEN_SOURCE_EXTENDED 1
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <stdio.h>
#include <wchar.h>
#include <langinfo.h>
#include <ncursesw/ncurses.h>

// glibc hides wcwidth unless _XOPEN_SOURCE is set for the system module; declare it here.
extern int wcwidth(wchar_t c);

/// The standard screen window.
static inline WINDOW *clew_stdscr(void) { return stdscr; }
/// The number of columns of the terminal.
static inline int clew_cols(void) { return COLS; }
/// The number of lines of the terminal.
static inline int clew_lines(void) { return LINES; }
/// The number of colours the terminal supports (valid after start_color).
static inline int clew_colors(void) { return COLORS; }
/// The number of colour pairs the terminal supports (valid after start_color).
static inline int clew_color_pairs(void) { return COLOR_PAIRS; }

/// Attribute bits (struct-like macros Swift cannot import).
static inline attr_t clew_attr_normal(void) { return A_NORMAL; }
static inline attr_t clew_attr_bold(void) { return A_BOLD; }
static inline attr_t clew_attr_underline(void) { return A_UNDERLINE; }
static inline attr_t clew_attr_reverse(void) { return A_REVERSE; }
static inline attr_t clew_attr_dim(void) { return A_DIM; }
static inline attr_t clew_attr_italic(void) { return A_ITALIC; }

/// Sets a window's attributes and colour pair. The pair is also passed through the `opts`
/// pointer, so pair numbers above 255 (extended pairs) work.
static inline int clew_wattr_set(WINDOW *win, attr_t attrs, int pair) {
    int extended = pair;
    return wattr_set(win, attrs, (short)(pair <= 32767 ? pair : 0), &extended);
}

/// The cells a wide character takes according to the C library (-1 when not printable in
/// the current locale).
static inline int clew_wcwidth(wchar_t c) { return wcwidth(c); }

/// Writes `utf8` straight to the terminal at `row`, `column` in `attrs` and colour `pair`,
/// through ncurses' own output (so it stays in order with what `doupdate` sends) but without
/// ncurses' idea of how wide it is: an absolute cursor move (the old position given as unknown),
/// the attributes, the bytes. The caller keeps ncurses' window consistent (spaces there) and
/// moves the cursor back with `clew_move_cursor` before the next refresh.
static inline void clew_put_raw(int row, int column, const char *utf8, attr_t attrs, int pair) {
    int extended = pair;
    mvcur(-1, -1, row, column);
    vid_attr(attrs, (short)(pair <= 32767 ? pair : 0), &extended);
    putp(utf8);
}

/// Moves the terminal's cursor to `row`, `column` by absolute addressing (its position is
/// unknown after `clew_put_raw`), so ncurses' idea of where it is holds again, then sends what
/// `clew_put_raw` and this wrote: they go through the output `FILE` (stdout), which `doupdate`'s
/// own buffer does not flush.
static inline void clew_move_cursor(int row, int column) {
    mvcur(-1, -1, row, column);
    fflush(stdout);
}

/// Marks `count` rows from `row` as garbled: the next refresh repaints them whole.
static inline int clew_redraw_rows(WINDOW *win, int row, int count) { return wredrawln(win, row, count); }

/// `newterm(NULL, stdout, stdin)`: like initscr, but returns NULL instead of exiting when the
/// terminal cannot be initialised.
static inline SCREEN *clew_newterm(void) { return newterm(NULL, stdout, stdin); }

/// Mouse masks for a left-button press and click.
static inline mmask_t clew_button1_pressed(void) { return BUTTON1_PRESSED; }
static inline mmask_t clew_button1_clicked(void) { return BUTTON1_CLICKED; }
static inline mmask_t clew_button1_released(void) { return BUTTON1_RELEASED; }

#endif
