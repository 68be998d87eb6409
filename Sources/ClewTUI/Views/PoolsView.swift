import ClewDomain
import ClewServices
import ClewViewModel
import Foundation

/// The pools screen: the reader's pools (leads waiting, today's claims against the daily limit)
/// on the left, the focused pool's leads on the right, newest first.
struct PoolsView {
    let model: PoolsModel
    let t: Localizer
    let focused: Bool

    /// The pool list's width.
    static let poolColumnWidth = 34

    func draw(in rect: Rect, on canvas: Canvas) {
        if model.pools.isEmpty && !model.listsClaims {
            canvas.text(t("pools.empty"), row: rect.row + 1, column: rect.column + 2, width: rect.width - 2, element: "dim")
            return
        }
        let (left, right) = rect.splitLeft(min(Self.poolColumnWidth, rect.width / 2))
        drawPools(in: left, on: canvas)
        drawLeads(in: Rect(row: right.row, column: right.column + 1, height: right.height, width: max(0, right.width - 1)), on: canvas)
    }

    private func drawPools(in rect: Rect, on canvas: Canvas) {
        canvas.text(" " + t("pools.header"), row: rect.row, column: rect.column, width: rect.width, element: "section", pad: true)
        let cursor = model.poolCursor
        for (i, pool) in model.pools.dropFirst(cursor.offset).prefix(rect.height - 1).enumerated() {
            let isFocused = cursor.offset + i == cursor.index
            let base = isFocused ? (focused && !model.leadsFocused ? "card-focus" : "card-selected") : "default"
            let limit = pool.dailyClaimLimit.map { "\(pool.claimedToday)/\($0)" } ?? "—"
            let left = " " + DisplayWidth.pad(pool.name, to: max(1, rect.width - 16))
            canvas.line([(left, base), (DisplayWidth.pad("\(pool.leads)", to: 7), base),
                         (limit, pool.claimsLeft == 0 ? "sla.overdue" : (isFocused ? base : "dim"))],
                        row: rect.row + 1 + i, column: rect.column, width: rect.width, fill: base)
        }
        // "my claims" closes the list: the reader's open leads that came from a pool.
        let claimsRow = model.pools.count - cursor.offset
        if model.listsClaims, claimsRow >= 0, claimsRow < rect.height - 1 {
            let base = model.claimsFocused ? (focused && !model.leadsFocused ? "card-focus" : "card-selected") : "default"
            let left = " " + DisplayWidth.pad(t("pools.mine"), to: max(1, rect.width - 16))
            canvas.line([(left, base), (DisplayWidth.pad("\(model.claimedCount)", to: 7), base)],
                        row: rect.row + 1 + claimsRow, column: rect.column, width: rect.width, fill: base)
        }
    }

    private func drawLeads(in rect: Rect, on canvas: Canvas) {
        if model.claimsFocused {
            drawClaims(in: rect, on: canvas)
            return
        }
        guard let pool = model.focusedPool else { return }
        let limit = pool.dailyClaimLimit.map { t("pools.claimed-today", pool.claimedToday, $0) } ?? t("pools.no-limit")
        let selection = model.selected.isEmpty ? "" : "  · " + t("screening.selected", model.selected.count)
        let shown = model.leads.count < pool.leads ? t("search.count-more", model.leads.count, pool.leads) : "\(pool.leads)"
        canvas.line([(" \(pool.name)  ", "section"), (shown + "  ", "badge"), (limit, "dim"), (selection, "badge")],
                    row: rect.row, column: rect.column, width: rect.width, fill: "default")
        if model.leads.isEmpty {
            canvas.text(t("pools.pool-empty"), row: rect.row + 2, column: rect.column + 2, width: rect.width - 2, element: "dim")
            return
        }
        drawRows(in: rect, on: canvas)
    }

    private func drawClaims(in rect: Rect, on canvas: Canvas) {
        let shown = model.leads.count < model.claimedCount ? t("search.count-more", model.leads.count, model.claimedCount) : "\(model.claimedCount)"
        canvas.line([(" \(t("pools.mine"))  ", "section"), (shown + "  ", "badge"), (t("pools.mine-hint"), "dim")],
                    row: rect.row, column: rect.column, width: rect.width, fill: "default")
        if model.leads.isEmpty {
            canvas.text(t("pools.mine-empty"), row: rect.row + 2, column: rect.column + 2, width: rect.width - 2, element: "dim")
            return
        }
        drawRows(in: rect, on: canvas)
    }

    private func drawRows(in rect: Rect, on canvas: Canvas) {
        let cursor = model.leadCursor
        for (i, lead) in model.leads.dropFirst(cursor.offset).prefix(rect.height - 1).enumerated() {
            let number = lead.number.description
            let isFocused = focused && model.leadsFocused && cursor.offset + i == cursor.index
            let base = isFocused ? "card-focus" : (model.selected.contains(number) ? "card-selected" : "default")
            let mark = model.selected.contains(number) ? "✔ " : "  "
            canvas.line([(mark, base), (DisplayWidth.pad(number, to: 16) + " ", isFocused ? base : "card-number"),
                         (DisplayWidth.pad(lead.grade.map { "[\($0)]" } ?? "", to: 4), base),
                         (DisplayWidth.pad(lead.details.customer ?? "", to: 26) + " ", base),
                         ([lead.details.region, lead.details.industry].compactMap { $0 }.joined(separator: "/"), base)],
                        row: rect.row + 1 + i, column: rect.column, width: rect.width, fill: base)
        }
    }
}
