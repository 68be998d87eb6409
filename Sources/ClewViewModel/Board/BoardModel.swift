import ClewDomain
import ClewServices
import Foundation

/// The pipeline board (看板): columns with totals, a window of cards per column, the focused
/// card, scope and filters. Only the cards the layout can show are loaded.
public final class BoardModel {
    let services: any SessionServices

    /// Whose leads are shown.
    public private(set) var scope: BoardScope
    public private(set) var filter = BoardFilter()
    /// Every column with its totals.
    public private(set) var columns: [BoardColumn] = []
    /// The loaded cards of each column, starting at that column's window offset.
    public private(set) var cards: [String: [BoardCard]] = [:]
    /// The cursor in each column.
    public private(set) var cursors: [String: SelectionList] = [:]
    /// The focused column's index.
    public private(set) var focusedColumn = 0
    /// The first column drawn (horizontal scroll).
    public private(set) var firstVisibleColumn = 0
    /// How many columns fit (set by ``setViewport(columns:rows:)``).
    public private(set) var visibleColumns = 4
    private var loadedOffsets: [String: Int] = [:]

    public init(services: any SessionServices) {
        self.services = services
        scope = .default(for: services.actor.role)
    }

    // MARK: - Loading

    /// Reloads column totals and the visible cards.
    public func reload() throws {
        // Nobody owns a lead in screening, so "mine" hides that column.
        columns = try services.board.columns(scope: scope, filter: filter).filter { scope != .mine || $0.key != "screening" }
        focusedColumn = min(focusedColumn, max(0, columns.count - 1))
        for column in columns {
            var cursor = cursors[column.key] ?? SelectionList()
            cursor.count = column.count
            cursors[column.key] = cursor
        }
        loadedOffsets = [:]
        try loadVisibleCards()
    }

    /// Tells the model how much the layout shows; loads what became visible.
    public func setViewport(columns visible: Int, rows: Int) throws {
        visibleColumns = max(1, visible)
        for key in cursors.keys { cursors[key]?.visibleRows = max(1, rows) }
        scrollToFocus()
        try loadVisibleCards()
    }

    private func loadVisibleCards() throws {
        for column in visibleColumnList {
            guard let cursor = cursors[column.key] else { continue }
            if loadedOffsets[column.key] == cursor.offset, let loaded = cards[column.key],
               loaded.count >= min(cursor.visibleRows, column.count - cursor.offset) { continue }
            cards[column.key] = try services.board.cards(in: column.key, scope: scope, filter: filter,
                                                          offset: cursor.offset, limit: cursor.visibleRows)
            loadedOffsets[column.key] = cursor.offset
        }
    }

    /// The columns currently drawn.
    public var visibleColumnList: ArraySlice<BoardColumn> {
        guard !columns.isEmpty else { return [] }
        let start = min(firstVisibleColumn, columns.count - 1)
        return columns[start..<min(columns.count, start + visibleColumns)]
    }

    // MARK: - Focus

    /// The focused column's key.
    public var focusedKey: String? { columns.indices.contains(focusedColumn) ? columns[focusedColumn].key : nil }

    /// The focused card, if the column has any.
    public var focusedCard: BoardCard? {
        guard let key = focusedKey, let cursor = cursors[key], let loaded = cards[key] else { return nil }
        let index = cursor.index - (loadedOffsets[key] ?? 0)
        return loaded.indices.contains(index) ? loaded[index] : nil
    }

    public func moveFocus(rows delta: Int) throws {
        guard let key = focusedKey else { return }
        cursors[key]?.move(by: delta)
        try loadVisibleCards()
    }

    public func page(by pages: Int) throws {
        guard let key = focusedKey else { return }
        cursors[key]?.page(by: pages)
        try loadVisibleCards()
    }

    public func jumpToFirst() throws {
        guard let key = focusedKey else { return }
        cursors[key]?.first()
        try loadVisibleCards()
    }

    public func jumpToLast() throws {
        guard let key = focusedKey else { return }
        cursors[key]?.last()
        try loadVisibleCards()
    }

    public func moveFocus(columns delta: Int) throws {
        guard !columns.isEmpty else { return }
        focusedColumn = min(max(focusedColumn + delta, 0), columns.count - 1)
        scrollToFocus()
        try loadVisibleCards()
    }

    /// Focuses the card of lead `number` if it is loaded in some column.
    public func focus(number: LeadNumber) {
        for (columnIndex, column) in columns.enumerated() {
            guard let loaded = cards[column.key], let row = loaded.firstIndex(where: { $0.lead.number == number }) else { continue }
            focusedColumn = columnIndex
            cursors[column.key]?.select((loadedOffsets[column.key] ?? 0) + row)
            scrollToFocus()
            return
        }
    }

    /// After lead `number` moved into column `key`: focuses that column and the card, which a
    /// stage column lists last (it entered the stage most recently).
    public func follow(number: LeadNumber, into key: String) throws {
        guard let index = columns.firstIndex(where: { $0.key == key }) else { return }
        focusedColumn = index
        cursors[key]?.last()
        scrollToFocus()
        try loadVisibleCards()
        focus(number: number)
    }

    private func scrollToFocus() {
        if focusedColumn < firstVisibleColumn { firstVisibleColumn = focusedColumn }
        if focusedColumn >= firstVisibleColumn + visibleColumns { firstVisibleColumn = focusedColumn - visibleColumns + 1 }
        firstVisibleColumn = max(0, min(firstVisibleColumn, max(0, columns.count - visibleColumns)))
    }

    // MARK: - Scope and filters

    /// mine → team → all → mine (reps: mine ↔ all within what they may see).
    public func cycleScope() throws {
        let order = BoardScope.allCases
        scope = order[((order.firstIndex(of: scope) ?? 0) + 1) % order.count]
        try reload()
    }

    public func setScope(_ newScope: BoardScope) throws {
        scope = newScope
        try reload()
    }

    public func setFilter(_ newFilter: BoardFilter) throws {
        filter = newFilter
        for key in cursors.keys { cursors[key]?.select(0) }
        try reload()
    }

    // MARK: - Moving cards

    /// The stage one step forward or back from the focused card, if it is an active lead.
    public func neighbourStage(forward: Bool) -> String? {
        guard let lead = focusedCard?.lead, lead.status == .active, let stage = lead.stage,
              let index = services.pipeline.index(of: stage) else { return nil }
        let target = index + (forward ? 1 : -1)
        return services.pipeline.stages.indices.contains(target) ? services.pipeline.stages[target].key : nil
    }
}
