import ClewDomain

/// The leads behind one dashboard figure, listed after `Enter` on its row: as many as the figure
/// counted (``total``), of which the reader may open ``readable`` (a supervisor's company totals
/// count other teams' leads too), read a page at a time.
public struct DashboardDrill: Sendable {
    /// The row that was opened.
    public let row: DashboardRow
    public let slice: ReportSlice
    /// The figure's count.
    public let total: Int
    /// How many of them the reader may open.
    public let readable: Int
    /// The leads loaded so far, newest first.
    public private(set) var leads: [Lead]
    public private(set) var cursor = SelectionList()

    init(row: DashboardRow, slice: ReportSlice, total: Int, readable: Int, leads: [Lead]) {
        self.row = row
        self.slice = slice
        self.total = total
        self.readable = readable
        self.leads = leads
        cursor.count = leads.count
    }

    /// The lead under the cursor.
    public var focused: Lead? { leads.indices.contains(cursor.index) ? leads[cursor.index] : nil }

    /// Whether the cursor is near the end of what is loaded and more can be read.
    var needsMore: Bool { leads.count < readable && cursor.index >= leads.count - max(1, cursor.visibleRows) }

    mutating func append(_ more: [Lead]) {
        leads += more
        cursor.count = leads.count
    }

    mutating func move(by delta: Int) { cursor.move(by: delta) }
    mutating func page(by pages: Int) { cursor.page(by: pages) }
    mutating func first() { cursor.first() }
    mutating func last() { cursor.last() }
    mutating func select(_ index: Int) { cursor.select(index) }
    mutating func setVisibleRows(_ rows: Int) { cursor.visibleRows = max(1, rows) }
}
