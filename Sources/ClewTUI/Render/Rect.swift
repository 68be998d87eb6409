/// A rectangle of cells on the screen.
public struct Rect: Hashable, Sendable {
    public var row: Int
    public var column: Int
    public var height: Int
    public var width: Int

    public init(row: Int, column: Int, height: Int, width: Int) {
        self.row = row
        self.column = column
        self.height = max(0, height)
        self.width = max(0, width)
    }

    public var bottom: Int { row + height }
    public var right: Int { column + width }

    /// The rectangle without `n` cells on every side.
    public func inset(by n: Int) -> Rect { Rect(row: row + n, column: column + n, height: height - 2 * n, width: width - 2 * n) }

    /// Splits off the left `width` columns: (left, rest).
    public func splitLeft(_ width: Int) -> (Rect, Rect) {
        let w = min(max(0, width), self.width)
        return (Rect(row: row, column: column, height: height, width: w), Rect(row: row, column: column + w, height: height, width: self.width - w))
    }

    /// Splits off the top `height` rows: (top, rest).
    public func splitTop(_ height: Int) -> (Rect, Rect) {
        let h = min(max(0, height), self.height)
        return (Rect(row: row, column: column, height: h, width: width), Rect(row: row + h, column: column, height: self.height - h, width: width))
    }
}
