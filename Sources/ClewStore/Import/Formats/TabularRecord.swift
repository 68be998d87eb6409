import ClewServices
/// One record of a spreadsheet-like file: its cells, and where it starts in the file (the text
/// line of a CSV file, the row number of a sheet), which rejects and errors quote.
public struct TabularRecord: Hashable, Sendable {
    /// The text line (CSV) or sheet row (xlsx) the record starts on, 1-based: what parse
    /// errors quote.
    public var line: Int
    /// The spreadsheet row: the record's ordinal in a CSV file (blank lines count, a cell with
    /// line breaks does not make extra rows — as Excel shows the file), the row of a sheet.
    /// Rejects quote it.
    public var row: Int
    /// The cells, as text, in column order.
    public var cells: [String]

    public init(line: Int, row: Int? = nil, cells: [String]) {
        self.line = line
        self.row = row ?? line
        self.cells = cells
    }

    /// True when every cell is empty (a blank line or an empty sheet row).
    public var isBlank: Bool { cells.allSatisfy(\.isEmpty) }
}

/// Something that yields the records of a file one at a time.
protocol TabularSource {
    /// The next record, or nil at the end.
    mutating func next() throws -> TabularRecord?
    /// How far through the input this source is, 0…1 (for the progress bar's ETA).
    var fractionRead: Double { get }
}
