/// A rectangle of ``Cell``s with the overwrite rules of a real terminal: writing over either half
/// of a wide character blanks its other half.
///
/// The storage behind ``MemoryScreen``; usable on its own to compose and compare text.
public struct CellGrid: Hashable, Sendable {
    /// The size in cells.
    public private(set) var size: ScreenSize
    private var cells: [Cell]

    /// A blank grid of `size` (negative dimensions count as zero).
    public init(size: ScreenSize) {
        let clamped = ScreenSize(rows: max(0, size.rows), columns: max(0, size.columns))
        self.size = clamped
        self.cells = Array(repeating: .blank, count: clamped.rows * clamped.columns)
    }

    /// The cell at `row`, `column`, or `nil` outside the grid.
    public func cell(row: Int, column: Int) -> Cell? {
        contains(row: row, column: column) ? cells[index(row, column)] : nil
    }

    /// The attributes of the cell at `row`, `column` (`nil` outside the grid). For the right half
    /// of a wide character these are the wide character's attributes.
    public func attributes(row: Int, column: Int) -> TextAttributes? {
        cell(row: row, column: column)?.attributes
    }

    /// Blanks every cell.
    public mutating func clear() {
        for i in cells.indices { cells[i] = .blank }
    }

    /// Changes the size, keeping the top-left content (as a terminal does) and blanking new cells.
    /// A wide character cut in half by the new right edge becomes a space.
    public mutating func resize(to newSize: ScreenSize) {
        var resized = CellGrid(size: newSize)
        for row in 0..<min(size.rows, resized.size.rows) {
            for column in 0..<min(size.columns, resized.size.columns) {
                resized.cells[resized.index(row, column)] = cells[index(row, column)]
            }
            let last = resized.size.columns - 1
            if last >= 0, let cell = resized.cell(row: row, column: last), !cell.isContinuation,
               last + 1 < size.columns, cells[index(row, last + 1)].isContinuation {
                resized.cells[resized.index(row, last)] = Cell(attributes: cell.attributes)
            }
        }
        self = resized
    }

    /// Puts `character` taking `width` cells (1 or 2) at `row`, `column`. Ignored unless every
    /// cell it needs is inside the grid. Halves of wide characters it overwrites are blanked.
    public mutating func put(_ character: Character, width: Int, row: Int, column: Int, attributes: TextAttributes) {
        let width = min(max(width, 1), 2)
        guard contains(row: row, column: column), column + width <= size.columns else { return }
        let span = column..<(column + width)
        for target in span {
            let existing = cells[index(row, target)]
            if existing.isContinuation, target - 1 >= 0, !span.contains(target - 1) {
                blank(row: row, column: target - 1)
            }
            if !existing.isContinuation, target + 1 < size.columns, !span.contains(target + 1),
               cells[index(row, target + 1)].isContinuation {
                blank(row: row, column: target + 1)
            }
        }
        cells[index(row, column)] = Cell(character: character, attributes: attributes)
        if width == 2 {
            cells[index(row, column + 1)] = Cell(character: " ", attributes: attributes, isContinuation: true)
        }
    }

    /// Draws `text` on one row starting at `column`, with the clipping rules of ``Screen``:
    /// terminal-safe text, laid out by display width, a wide character never split.
    public mutating func draw(_ text: String, row: Int, column: Int, attributes: TextAttributes) {
        guard row >= 0, row < size.rows else { return }
        for placement in CellLayout.place(text, column: column, columns: size.columns) {
            put(placement.character, width: placement.width, row: row, column: placement.column, attributes: attributes)
        }
    }

    /// Fills a rectangle with spaces in `attributes`, clipped at the grid's bounds.
    public mutating func fill(row: Int, column: Int, width: Int, height: Int, attributes: TextAttributes) {
        let columns = CellLayout.clippedSpan(start: column, width: width, columns: size.columns)
        for r in CellLayout.clippedSpan(start: row, width: height, columns: size.rows) {
            for c in columns { put(" ", width: 1, row: r, column: c, attributes: attributes) }
        }
    }

    /// The columns of `row` that differ from the same row of `other` (a grid of the same size),
    /// widened so that every wide character touched in either grid is included whole: writing
    /// these columns, left to right, turns what `other` shows into what this grid holds.
    /// Empty when the row is unchanged.
    func changedSpan(row: Int, from other: CellGrid) -> Range<Int> {
        guard other.size == size, row >= 0, row < size.rows else { return 0..<size.columns }
        let start = row * size.columns
        var lower = -1
        var upper = -1
        for column in 0..<size.columns where cells[start + column] != other.cells[start + column] {
            if lower < 0 { lower = column }
            upper = column
        }
        guard lower >= 0 else { return 0..<0 }
        // A continuation cell at either end means its wide character starts one cell left; a wide
        // character starting at the upper end takes the next cell too.
        while lower > 0, cells[start + lower].isContinuation || other.cells[start + lower].isContinuation { lower -= 1 }
        while upper + 1 < size.columns,
              cells[start + upper + 1].isContinuation || other.cells[start + upper + 1].isContinuation { upper += 1 }
        return lower..<(upper + 1)
    }

    /// The grid as text: one line per row, continuation cells omitted, trailing spaces trimmed.
    /// Rows are joined with `\n` (no final newline). Meant for snapshot tests.
    public func text() -> String {
        (0..<size.rows).map(line).joined(separator: "\n")
    }

    /// One row as text, continuation cells omitted and trailing spaces trimmed.
    public func line(_ row: Int) -> String {
        guard row >= 0, row < size.rows else { return "" }
        var text = ""
        for column in 0..<size.columns {
            let cell = cells[index(row, column)]
            if !cell.isContinuation { text.append(cell.character) }
        }
        while text.last == " " { text.removeLast() }
        return text
    }

    // MARK: - Private

    private func contains(row: Int, column: Int) -> Bool {
        row >= 0 && row < size.rows && column >= 0 && column < size.columns
    }

    private func index(_ row: Int, _ column: Int) -> Int { row * size.columns + column }

    /// Replaces a cell by a space, keeping its attributes.
    private mutating func blank(row: Int, column: Int) {
        let attributes = cells[index(row, column)].attributes
        cells[index(row, column)] = Cell(attributes: attributes)
    }
}
