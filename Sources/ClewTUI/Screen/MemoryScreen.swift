/// An in-memory ``Screen`` for tests: draws into a ``CellGrid`` that tests read back as text
/// (``text()``) and styles (``attributes(row:column:)``).
///
/// ```swift
/// let screen = MemoryScreen(size: ScreenSize(rows: 24, columns: 80))
/// screen.draw("杭州恒通科技 A", row: 0, column: 0, attributes: .plain)
/// screen.text()   // "杭州恒通科技 A\n\n…"
/// ```
public final class MemoryScreen: Screen {
    /// Where the cursor is left and whether it is shown (see ``setCursor(row:column:visible:)``).
    public struct Cursor: Hashable, Sendable {
        /// The cursor row.
        public var row: Int
        /// The cursor column.
        public var column: Int
        /// Whether the cursor is shown.
        public var visible: Bool
    }

    /// The cells drawn so far (including what was not yet presented).
    public private(set) var grid: CellGrid
    /// The cursor as last set.
    public private(set) var cursor = Cursor(row: 0, column: 0, visible: false)
    /// How many times ``present()`` was called.
    public private(set) var presentCount = 0

    /// A blank screen of `size`.
    public init(size: ScreenSize = ScreenSize(rows: 24, columns: 80)) {
        grid = CellGrid(size: size)
    }

    /// The current size in cells.
    public var size: ScreenSize { grid.size }

    /// Blanks every cell.
    public func clear() { grid.clear() }

    /// Draws `text` on one row, clipped; see ``Screen/draw(_:row:column:attributes:)``.
    public func draw(_ text: String, row: Int, column: Int, attributes: TextAttributes) {
        grid.draw(text, row: row, column: column, attributes: attributes)
    }

    /// Fills a rectangle with spaces in `attributes`, clipped at the screen bounds.
    public func fill(row: Int, column: Int, width: Int, height: Int, attributes: TextAttributes) {
        grid.fill(row: row, column: column, width: width, height: height, attributes: attributes)
    }

    /// Records where the cursor is left and whether it is shown.
    public func setCursor(row: Int, column: Int, visible: Bool) {
        cursor = Cursor(row: row, column: column, visible: visible)
    }

    /// Counts the call; nothing else to flush.
    public func present() { presentCount += 1 }

    /// Changes the size as a terminal resize would (top-left content kept).
    public func resize(to newSize: ScreenSize) { grid.resize(to: newSize) }

    /// The screen as text: one line per row, continuation cells omitted, trailing spaces trimmed.
    public func text() -> String { grid.text() }

    /// The attributes of the cell at `row`, `column` (`nil` outside the screen).
    public func attributes(row: Int, column: Int) -> TextAttributes? {
        grid.attributes(row: row, column: column)
    }
}
