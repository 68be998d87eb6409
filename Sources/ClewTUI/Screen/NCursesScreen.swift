import CNCursesW
import ClewDomain
import Foundation

/// The real terminal: a ``Screen`` backed by ncursesw.
///
/// `init` sets up the locale (UTF-8, with a fallback), starts curses in raw mode (so `Ctrl-C`,
/// `Ctrl-Z` and `Ctrl-S` arrive as keys), enables colour according to ``ColorDegradation`` and
/// installs the restore-on-exit/signal handling of ``TerminalRestoreGuard``. Call ``restore()``
/// before printing to the normal terminal again; it also runs at exit.
///
/// Not thread-safe: create it, draw and read input on one thread.
public final class NCursesScreen: Screen {
    /// Whether colours may be used at all.
    public enum ColorMode: Hashable, Sendable {
        /// Use what the terminal supports, unless `NO_COLOR` is set.
        case automatic
        /// Attributes only, whatever the terminal supports.
        case monochrome
    }

    /// Failures to start curses.
    public enum StartError: Error, Equatable, Sendable {
        /// `newterm` failed, usually because `TERM` is unset or unknown.
        case terminalUnavailable(term: String)
    }

    /// What the terminal can show (after `start_color`).
    public let capabilities: TerminalCapabilities
    /// How theme colours are mapped onto the terminal.
    public let degradation: ColorDegradation
    /// The locale set-up; its `warning` should be shown to the user when not `nil`.
    public let locale: TerminalLocale.Outcome
    /// Whether curses is active (false after ``restore()``).
    public private(set) var isActive = true

    /// How long a lone `Esc` waits for a following key (ms); also passed to `set_escdelay`.
    let escapeDelayMilliseconds: Int32 = 25
    private let window: UnsafeMutablePointer<WINDOW>
    private let usesExtendedPairs: Bool
    private let hasDefaultColors: Bool
    private var pairCache: ColorPairCache
    private var cursor = (row: 0, column: 0, visible: false)
    private var shownCursor: Bool?

    /// Starts curses on the controlling terminal.
    ///
    /// - Parameters:
    ///   - colorMode: `.monochrome` forces attributes only (e.g. for a `--no-color` flag).
    ///   - mouse: report left clicks as ``InputEvent/mouse(row:column:)``. Off by default, since
    ///     capturing the mouse stops the terminal's own text selection (Shift still selects).
    ///   - environment: where `NO_COLOR`, `LANG`, `LC_ALL`, `LC_CTYPE` and `TERM` are read.
    public init(colorMode: ColorMode = .automatic, mouse: Bool = false,
                environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        locale = TerminalLocale.configure(environment: environment)
        TerminalRestoreGuard.shared.install()
        guard clew_newterm() != nil, let window = clew_stdscr() else {
            throw StartError.terminalUnavailable(term: environment["TERM"] ?? "(unset)")
        }
        self.window = window
        TerminalRestoreGuard.shared.setRestore { _ = endwin() }
        _ = raw()
        _ = noecho()
        _ = nonl()
        _ = keypad(window, true)
        _ = set_escdelay(escapeDelayMilliseconds)
        _ = curs_set(0)
        if mouse {
            _ = mousemask(clew_button1_pressed() | clew_button1_clicked() | clew_button1_released(), nil)
            _ = mouseinterval(0)
        }

        let noColor = colorMode == .monochrome || TerminalCapabilities.noColorRequested(in: environment)
        var defaultColors = false
        if !noColor && has_colors() {
            _ = start_color()
            defaultColors = use_default_colors() == OK
            capabilities = TerminalCapabilities(colors: Int(clew_colors()), pairs: Int(clew_color_pairs()),
                                                 noColor: false)
        } else {
            capabilities = TerminalCapabilities(colors: has_colors() ? Int(clew_colors()) : 0,
                                                pairs: 0, noColor: noColor)
        }
        degradation = capabilities.degradation
        hasDefaultColors = defaultColors
        usesExtendedPairs = capabilities.pairs > 256
        pairCache = ColorPairCache(limit: capabilities.pairs)
    }

    deinit { restore() }

    /// The current size in cells (follows resizes).
    public var size: ScreenSize {
        ScreenSize(rows: Int(getmaxy(window)), columns: Int(getmaxx(window)))
    }

    /// Blanks every cell (without forcing a full repaint).
    public func clear() {
        _ = clew_wattr_set(window, clew_attr_normal(), 0)
        _ = werase(window)
    }

    /// Draws `text` on one row, clipped; see ``Screen/draw(_:row:column:attributes:)``.
    public func draw(_ text: String, row: Int, column: Int, attributes: TextAttributes) {
        let size = size
        guard isActive, row >= 0, row < size.rows else { return }
        let placements = CellLayout.place(text, column: column, columns: size.columns)
        guard let first = placements.first else { return }
        apply(attributes)
        // One call when the C library agrees with our widths; else one call per character at
        // the position we computed, so a width disagreement cannot shift the rest of the row.
        let agrees = placements.allSatisfy { libraryWidth(of: $0.character) == $0.width }
        if agrees {
            let run = String(placements.map(\.character))
            write(run, row: row, column: first.column)
        } else {
            for placement in placements {
                let library = libraryWidth(of: placement.character)
                let shown = library < 1 ? String(repeating: "?", count: placement.width) : String(placement.character)
                write(shown, row: row, column: placement.column)
                if library == 1 && placement.width == 2 { write(" ", row: row, column: placement.column + 1) }
            }
        }
    }

    /// Fills a rectangle with spaces in `attributes`, clipped at the screen bounds.
    public func fill(row: Int, column: Int, width: Int, height: Int, attributes: TextAttributes) {
        let size = size
        let columns = CellLayout.clippedSpan(start: column, width: width, columns: size.columns)
        guard isActive, !columns.isEmpty else { return }
        apply(attributes)
        let blank = String(repeating: " ", count: columns.count)
        for r in CellLayout.clippedSpan(start: row, width: height, columns: size.rows) {
            write(blank, row: r, column: columns.lowerBound)
        }
    }

    /// Where the cursor is left after ``present()`` and whether it is shown.
    public func setCursor(row: Int, column: Int, visible: Bool) {
        cursor = (row, column, visible)
    }

    /// Moves the cursor into place and flushes the changes to the terminal.
    public func present() {
        guard isActive else { return }
        if shownCursor != cursor.visible {
            _ = curs_set(cursor.visible ? 1 : 0)
            shownCursor = cursor.visible
        }
        let size = size
        if cursor.visible, cursor.row >= 0, cursor.row < size.rows, cursor.column >= 0, cursor.column < size.columns {
            _ = wmove(window, Int32(cursor.row), Int32(cursor.column))
        }
        _ = wrefresh(window)
    }

    /// Leaves curses mode (`endwin`) and gives the terminal back as it was. Idempotent; also runs
    /// at exit and on SIGHUP/SIGTERM/SIGINT/SIGQUIT.
    public func restore() {
        guard isActive else { return }
        isActive = false
        TerminalRestoreGuard.shared.restoreNow()
    }

    /// Adds `handler` to run when a terminating signal (SIGHUP, SIGTERM, SIGINT, SIGQUIT) arrives,
    /// before the terminal is restored and the process exits with `128 + signal`. It runs on a
    /// background queue while the main thread may be mid-draw: keep it quick and thread-safe
    /// (e.g. save drafts through the database pool).
    public static func onTerminatingSignal(_ handler: @escaping @Sendable (Int32) -> Void) {
        TerminalRestoreGuard.shared.addCleanup(handler)
    }

    // MARK: - Private

    /// The window the input code reads from.
    var inputWindow: UnsafeMutablePointer<WINDOW> { window }

    private func write(_ text: String, row: Int, column: Int) {
        let wide = text.unicodeScalars.map { wchar_t(bitPattern: $0.value) } + [0]
        _ = wide.withUnsafeBufferPointer { buffer in
            mvwaddwstr(window, Int32(row), Int32(column), buffer.baseAddress)
        }
    }

    /// The width the C library (and so ncurses) gives a character: that of its first scalar.
    private func libraryWidth(of character: Character) -> Int {
        guard let scalar = character.unicodeScalars.first else { return 0 }
        return Int(clew_wcwidth(wchar_t(bitPattern: scalar.value)))
    }

    private func apply(_ attributes: TextAttributes) {
        let style = degradation.resolve(attributes)
        var bits = clew_attr_normal()
        if style.bold { bits |= clew_attr_bold() }
        if style.underline { bits |= clew_attr_underline() }
        if style.reverse { bits |= clew_attr_reverse() }
        if style.dim { bits |= clew_attr_dim() }
        if style.italic { bits |= clew_attr_italic() }
        _ = clew_wattr_set(window, bits, Int32(pairNumber(for: style)))
    }

    private func pairNumber(for style: TerminalStyle) -> Int {
        guard degradation != .attributesOnly, style.foreground != nil || style.background != nil else { return 0 }
        let colors = ColorPairCache.Colors(foreground: style.foreground ?? (hasDefaultColors ? -1 : 7),
                                           background: style.background ?? (hasDefaultColors ? -1 : 0))
        guard let (number, isNew) = pairCache.pair(for: colors) else { return 0 }
        if isNew {
            if usesExtendedPairs {
                _ = init_extended_pair(Int32(number), Int32(colors.foreground), Int32(colors.background))
            } else {
                _ = init_pair(Int16(number), Int16(colors.foreground), Int16(colors.background))
            }
        }
        return number
    }
}
