/// Where the TUI draws: a grid of cells that is composed with `clear`/`draw`/`fill` and then shown
/// with `present`.
///
/// Two back ends implement it: ``NCursesScreen`` (the real terminal) and ``MemoryScreen`` (an
/// in-memory grid for snapshot tests). Rows and columns are zero-based cell coordinates; anything
/// outside ``size`` is clipped silently, so callers may draw without bounds checks.
///
/// All calls must come from one thread (the run loop's).
public protocol Screen: AnyObject {
    /// The current size in cells. Changes after a resize.
    var size: ScreenSize { get }

    /// Blanks every cell (spaces in the terminal's default colours).
    func clear()

    /// Draws `text` on one row starting at `column`.
    ///
    /// The text is passed through `TextNormalization.terminalSafe` first (no control or escape
    /// sequences ever reach the terminal), laid out by display width (CJK and emoji take two cells)
    /// and clipped at the screen bounds. A wide character is never split: one that would straddle
    /// the right (or left) edge is drawn as a space instead. Text does not wrap.
    func draw(_ text: String, row: Int, column: Int, attributes: TextAttributes)

    /// Fills a rectangle with spaces in `attributes` (clipped at the screen bounds).
    func fill(row: Int, column: Int, width: Int, height: Int, attributes: TextAttributes)

    /// Where the cursor is left after ``present()`` and whether it is shown (for text fields).
    func setCursor(row: Int, column: Int, visible: Bool)

    /// Shows what was drawn since the last call (flushes to the terminal).
    func present()
}
