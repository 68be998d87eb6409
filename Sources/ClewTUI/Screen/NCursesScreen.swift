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
    /// The frame being composed (``clear()``, ``draw(_:row:column:attributes:)``, ``fill(row:column:width:height:attributes:)``).
    private var frame = CellGrid(size: ScreenSize(rows: 0, columns: 0))
    /// What ncurses' window holds: the last presented frame (`nil` until the first, and after
    /// ``invalidate()``).
    private var shown: CellGrid?
    private var shownCursor: Bool?
    /// The rows of ``shown`` holding a character written around ncurses (see ``present()``).
    private var rawRows: Set<Int> = []

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

    /// Starts a new frame: a blank grid of the current size. Nothing reaches ncurses until
    /// ``present()``.
    public func clear() {
        let size = size
        if frame.size == size { frame.clear() } else { frame = CellGrid(size: size) }
    }

    /// Draws `text` on one row of the frame, clipped; see ``Screen/draw(_:row:column:attributes:)``.
    public func draw(_ text: String, row: Int, column: Int, attributes: TextAttributes) {
        frame.draw(text, row: row, column: column, attributes: attributes)
    }

    /// Fills a rectangle of the frame with spaces in `attributes`, clipped at the screen bounds.
    public func fill(row: Int, column: Int, width: Int, height: Int, attributes: TextAttributes) {
        frame.fill(row: row, column: column, width: width, height: height, attributes: attributes)
    }

    /// Makes the next ``present()`` repaint every cell and the terminal forget what it shows
    /// (for `Ctrl-R`, or after something else wrote to the terminal).
    public func invalidate() {
        shown = nil
        _ = clearok(window, true)
    }

    /// Where the cursor is left after ``present()`` and whether it is shown.
    public func setCursor(row: Int, column: Int, visible: Bool) {
        cursor = (row, column, visible)
    }

    /// Sends the cells that changed since the last frame to ncurses, moves the cursor into
    /// place and flushes to the terminal.
    ///
    /// This is the only place that writes to the ncurses window. Per row, the changed columns
    /// (widened to whole wide characters, see ``CellGrid/changedSpan(row:from:)``) are rewritten
    /// left to right from the frame, so a wide character half covered by an overlay is blanked
    /// on both halves exactly as the frame says, and nothing ncurses or the terminal kept from
    /// an earlier frame survives where this one differs.
    public func present() {
        guard isActive else { return }
        if frame.size != size { frame = CellGrid(size: size) }
        if shown?.size != frame.size {
            // First frame, a resize or ``invalidate()``: ncurses' window starts blank.
            _ = clew_wattr_set(window, clew_attr_normal(), 0)
            _ = werase(window)
            shown = CellGrid(size: frame.size)
            rawRows = []
        }
        let previous = shown ?? CellGrid(size: frame.size)
        var raw: [(row: Int, column: Int, cell: Cell)] = []
        var rawRows: Set<Int> = []
        for row in 0..<frame.size.rows {
            var span = frame.changedSpan(row: row, from: previous)
            if span.isEmpty {
                if self.rawRows.contains(row) { rawRows.insert(row) }
                continue
            }
            let rowRaw = rawCells(row: row)
            if !rowRaw.isEmpty || self.rawRows.contains(row) {
                // A row with characters written around ncurses is repainted whole: ncurses holds
                // spaces where they are, and would skip or clear over them on its own.
                span = 0..<frame.size.columns
                _ = clew_redraw_rows(window, Int32(row), 1)
                raw += rowRaw.map { (row, $0, frame.cell(row: row, column: $0) ?? .blank) }
                if !rowRaw.isEmpty { rawRows.insert(row) }
            }
            write(row: row, columns: span)
        }
        shown = frame
        self.rawRows = rawRows
        if shownCursor != cursor.visible {
            _ = curs_set(cursor.visible ? 1 : 0)
            shownCursor = cursor.visible
        }
        let size = frame.size
        if cursor.visible, cursor.row >= 0, cursor.row < size.rows, cursor.column >= 0, cursor.column < size.columns {
            _ = wmove(window, Int32(cursor.row), Int32(cursor.column))
        }
        _ = wrefresh(window)
        guard !raw.isEmpty else { return }
        for (row, column, cell) in raw {
            let style = degradation.resolve(cell.attributes)
            String(cell.character).withCString { clew_put_raw(Int32(row), Int32(column), $0, bits(of: style), Int32(pairNumber(for: style))) }
        }
        // Back where ncurses left the cursor, and out to the terminal.
        clew_move_cursor(getcury(window), getcurx(window))
    }

    /// The columns of `row` in the frame whose character the C library (and so ncurses) counts
    /// one cell wide where the frame gives it two: East Asian Ambiguous characters under
    /// `ambiguous_width = 2`. ncurses cannot place these, so they are written around it.
    private func rawCells(row: Int) -> [Int] {
        var columns: [Int] = []
        var column = 0
        while column < frame.size.columns {
            guard let cell = frame.cell(row: row, column: column) else { break }
            let wide = frame.cell(row: row, column: column + 1)?.isContinuation == true
            if wide, !cell.isContinuation, cell.character.asciiValue == nil, libraryWidth(of: cell.character) == 1 {
                columns.append(column)
            }
            column += wide ? 2 : 1
        }
        return columns
    }

    /// `Ctrl-Z`: gives the terminal back to the shell and stops the process (SIGTSTP, as a
    /// shell's job control expects); when `fg` continues it, curses mode comes back and the next
    /// ``present()`` repaints every cell.
    public func suspend() {
        guard isActive else { return }
        _ = endwin()
        let previous = signal(SIGTSTP, SIG_DFL)
        _ = raise(SIGTSTP)          // returns once SIGCONT arrives
        _ = signal(SIGTSTP, previous)
        _ = wrefresh(window)        // back into curses mode (raw, keypad, alternate screen)
        invalidate()
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

    /// Writes `columns` of `row` from the frame: runs of cells with the same attributes in one
    /// call each. A character whose width the C library sees differently from ours is written
    /// alone at the column we computed (as `?` when the library cannot show it, padded with a
    /// space when it counts one cell where we count two), so the rest of the row cannot shift.
    private func write(row: Int, columns: Range<Int>) {
        var run = ""
        var runColumn = columns.lowerBound
        var runAttributes: TextAttributes?
        func flush() {
            guard let attributes = runAttributes, !run.isEmpty else { return }
            apply(attributes)
            write(run, row: row, column: runColumn)
            run = ""
        }
        var column = columns.lowerBound
        while column < columns.upperBound {
            guard let cell = frame.cell(row: row, column: column) else { break }
            let wide = frame.cell(row: row, column: column + 1)?.isContinuation == true
            let width = wide ? 2 : 1
            defer { column += width }
            if cell.isContinuation { continue } // a stray right half (cannot happen after widening)
            let library = libraryWidth(of: cell.character)
            if library != width {
                flush()
                apply(cell.attributes)
                // Counted one cell by the library, two by us: two spaces here, the character
                // itself written around ncurses after the refresh (see ``present()``).
                let shown = library < 1 ? String(repeating: "?", count: width) : library == 1 && width == 2 ? "  " : String(cell.character)
                write(shown, row: row, column: column)
                runAttributes = nil
                continue
            }
            if runAttributes != cell.attributes || run.isEmpty {
                flush()
                runAttributes = cell.attributes
                runColumn = column
            }
            run.append(cell.character)
        }
        flush()
    }

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
        _ = clew_wattr_set(window, bits(of: style), Int32(pairNumber(for: style)))
    }

    private func bits(of style: TerminalStyle) -> attr_t {
        var bits = clew_attr_normal()
        if style.bold { bits |= clew_attr_bold() }
        if style.underline { bits |= clew_attr_underline() }
        if style.reverse { bits |= clew_attr_reverse() }
        if style.dim { bits |= clew_attr_dim() }
        if style.italic { bits |= clew_attr_italic() }
        return bits
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
