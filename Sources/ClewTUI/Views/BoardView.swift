import ClewDomain
import ClewServices
import ClewViewModel
import Foundation

/// The kanban board: one column per stage with count and amount in the header, cards coloured
/// by SLA state, the focused card highlighted; columns scroll sideways when they do not fit.
struct BoardView {
    let model: BoardModel
    let t: Localizer
    let now: Date
    let focused: Bool

    /// Cells per column and rows per card (3 lines + a gap).
    static let minimumColumnWidth = 27
    static let cardHeight = 4

    /// How many columns fit in `width`.
    static func visibleColumns(width: Int, total: Int) -> Int { max(1, min(total, width / minimumColumnWidth)) }

    /// How many cards fit in a column of `height` (2 header rows).
    static func cardsPerColumn(height: Int) -> Int { max(1, (height - 2) / cardHeight) }

    func draw(in rect: Rect, on canvas: Canvas) {
        let columns = Array(model.visibleColumnList)
        guard !columns.isEmpty else { return }
        let width = rect.width / columns.count
        for (offset, column) in columns.enumerated() {
            let index = model.firstVisibleColumn + offset
            let isFocusedColumn = index == model.focusedColumn
            let x = rect.column + offset * width
            let w = offset == columns.count - 1 ? rect.right - x : width
            drawColumn(column, index: index, isFocused: isFocusedColumn, in: Rect(row: rect.row, column: x, height: rect.height, width: w - 1), on: canvas)
        }
        // Horizontal scroll hints.
        if model.firstVisibleColumn > 0 { canvas.text("◀", row: rect.row, column: rect.column, width: Canvas.lineWidth, element: "column-header") }
        if model.firstVisibleColumn + columns.count < model.columns.count {
            canvas.text("▶", row: rect.row, column: rect.right - Canvas.lineWidth, width: Canvas.lineWidth, element: "column-header")
        }
    }

    private func drawColumn(_ column: BoardColumn, index: Int, isFocused: Bool, in rect: Rect, on canvas: Canvas) {
        let title = t.language == .zh ? column.chineseTitle : column.englishTitle
        let amount = column.amount.fen > 0 ? " " + column.amount.compact : ""
        canvas.line([(" \(title) ", isFocused ? "board.column-header-focus" : "board.column-header"), ("\(column.count)\(amount)", "board.column-count")],
                    row: rect.row, column: rect.column, width: rect.width, fill: isFocused ? "board.column-header-focus" : "board.column-header")
        canvas.text(String(repeating: "─", count: rect.width / Canvas.lineWidth), row: rect.row + 1, column: rect.column, width: rect.width, element: "border")
        let cards = model.cards[column.key] ?? []
        let cursor = model.cursors[column.key] ?? SelectionList()
        if column.count == 0 {
            canvas.text(t("board.empty"), row: rect.row + 2, column: rect.column + 1, width: rect.width - 1, element: "dim")
            return
        }
        let shown = cards.prefix(Self.cardsPerColumn(height: rect.height))
        for (row, card) in shown.enumerated() {
            let y = rect.row + 2 + row * Self.cardHeight
            let isCursor = isFocused && cursor.offset + row == cursor.index && focused
            drawCard(card, focused: isCursor, in: Rect(row: y, column: rect.column, height: 3, width: rect.width), on: canvas)
        }
        // What is below the cards drawn (more may be loaded than fit, e.g. before a resize).
        if cursor.offset + shown.count < column.count {
            canvas.text("↓ \(column.count - cursor.offset - shown.count)", row: rect.bottom - 1, column: rect.right - 8, width: 8, element: "dim")
        }
    }

    private func drawCard(_ card: BoardCard, focused: Bool, in rect: Rect, on canvas: Canvas) {
        let lead = card.lead
        let base = focused ? "board.card-focus" : "board.card"
        let sla = "sla.\(card.sla.rawValue)"
        let days = max(0, Int(now.timeIntervalSince(card.inColumnSince) / 86_400))
        let grade = lead.grade.map { "[\($0)]" } ?? (lead.suggestedGrade.map { "(\($0))" } ?? "   ")
        let age = "\(days)\(t("days"))"
        let ageWidth = max(4, DisplayWidth.of(age))
        canvas.line([("▌", sla), (lead.number.description, focused ? base : "board.card-number"), (" ", base),
                     (grade, lead.grade.map { "grade.\($0.rawValue.lowercased())" } ?? base)],
                    row: rect.row, column: rect.column, width: rect.width - ageWidth, fill: base)
        canvas.text(age, row: rect.row, column: rect.right - ageWidth, width: ageWidth, element: focused ? base : sla, pad: true)
        canvas.line([("▌", sla), (lead.details.customer ?? "", base)], row: rect.row + 1, column: rect.column, width: rect.width, fill: base)
        let owner = lead.owner ?? lead.pool.map { "◌\($0)" } ?? "—"
        let amount = lead.amount?.compact ?? ""
        let ownerWidth = rect.width - 1 - DisplayWidth.of(amount) - 1
        canvas.line([("▌", sla), (DisplayWidth.pad(owner, to: max(0, ownerWidth)), focused ? base : "board.card-owner"), (" " + amount, focused ? base : "board.card-amount")],
                    row: rect.row + 2, column: rect.column, width: rect.width, fill: base)
    }
}
