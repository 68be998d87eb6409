import ClewDomain
import ClewServices
import ClewViewModel
import Foundation

/// The finance screen (key `7`): the totals and the overdue money by age on top, then four
/// panels: due this week and the contracts to collect on the left, overdue by customer and by
/// rep on the right. The focused panel's title is highlighted; its cursor row is the focus.
struct ReceivablesView {
    let model: ReceivablesModel
    let t: Localizer
    let focused: Bool

    /// Rows above the panels (title, ages, a gap).
    static let headerRows = 3

    /// How many rows each panel lists in a body of `height` rows.
    static func visibleRows(height: Int) -> Int { max(1, (height - headerRows) / 2 - 2) }

    func draw(in rect: Rect, on canvas: Canvas) {
        guard let report = model.report else { return }
        let title = " " + t("receivables.title", report.asOf.description) + (model.reach == .own ? " · " + t("screen.reach-own") : "")
        canvas.line([(title + "   ", "section"), (t("receivables.open") + " ", "dim"), (report.open.description + "   ", "default"),
                     (t("receivables.overdue") + " ", "dim"), (report.overdue.description, report.overdue.fen > 0 ? "sla.overdue" : "default")],
                    row: rect.row, column: rect.column, width: rect.width, fill: "default")
        var ages: [(String, String)] = [(" ", "default")]
        for bucket in AgeBucket.allCases {
            let amount = report.aged.buckets[bucket] ?? .zero
            ages.append((bucket.description + " ", "dim"))
            ages.append((amount.description + "   ", amount.fen > 0 && bucket != .upTo30 ? "sla.overdue" : "default"))
        }
        canvas.line(ages, row: rect.row + 1, column: rect.column, width: rect.width, fill: "default")
        let body = Rect(row: rect.row + Self.headerRows, column: rect.column, height: rect.height - Self.headerRows, width: rect.width)
        let (left, right) = body.splitLeft(body.width / 2)
        let (leftTop, leftBottom) = left.splitTop(left.height / 2)
        let (rightTop, rightBottom) = right.splitTop(right.height / 2)
        let inner = { (r: Rect) in Rect(row: r.row, column: r.column + 1, height: r.height, width: max(0, r.width - 2)) }
        drawDue(report, in: inner(leftTop), on: canvas)
        drawContracts(report, in: inner(leftBottom), on: canvas)
        drawAged(report.byCustomer, panel: .byCustomer, title: t("receivables.by-customer"), nameHeader: t("receivables.col.customer"),
                 in: inner(rightTop), on: canvas)
        drawAged(report.byRep, panel: .byRep, title: t("receivables.by-rep"), nameHeader: t("receivables.col.rep"),
                 in: inner(rightBottom), on: canvas)
    }

    // MARK: - Panels

    private func heading(_ title: String, count: Int, panel: ReceivablesModel.Panel, in rect: Rect, on canvas: Canvas) {
        let active = focused && model.panel == panel
        canvas.line([(" \(title) ", active ? "tab-active" : "section"), (" \(count)", "badge")], row: rect.row, column: rect.column,
                    width: rect.width, fill: "default")
    }

    /// The rows of `panel` that fit below its two heading lines, with whether each is the focus.
    private func rows<T>(_ items: [T], panel: ReceivablesModel.Panel, in rect: Rect) -> [(offset: Int, item: T, focus: Bool)] {
        let cursor = model.cursor(panel)
        return items.enumerated().dropFirst(cursor.offset).prefix(max(0, rect.height - 2)).enumerated().map { i, pair in
            (i, pair.element, focused && model.panel == panel && pair.offset == cursor.index)
        }
    }

    private static func right(_ text: String, _ width: Int) -> String {
        let cut = DisplayWidth.truncate(text, to: width)
        return String(repeating: " ", count: max(0, width - DisplayWidth.of(cut))) + cut
    }

    private func drawDue(_ report: ReceivablesReport, in rect: Rect, on canvas: Canvas) {
        heading(t("receivables.due-week"), count: report.dueThisWeek.count, panel: .dueThisWeek, in: rect, on: canvas)
        guard !report.dueThisWeek.isEmpty else {
            canvas.text(t("receivables.nothing-due"), row: rect.row + 2, column: rect.column + 1, width: rect.width - 1, element: "dim")
            return
        }
        // Contract, customer (what is left of the width), instalment, due day, balance; a narrow
        // panel shows the day without its year and the balance in 万.
        let narrow = rect.width < 64
        let (number, sequence, dueDay, amount) = (19, 6, narrow ? 6 : 11, narrow ? 8 : 12)
        let customer = max(4, rect.width - number - sequence - dueDay - amount)
        canvas.text(DisplayWidth.pad(t("receivables.col.contract"), to: number) + DisplayWidth.pad(t("receivables.col.customer"), to: customer)
                    + DisplayWidth.pad("", to: sequence) + DisplayWidth.pad(t("receivables.col.due"), to: dueDay)
                    + Self.right(t("receivables.col.balance"), amount), row: rect.row + 1, column: rect.column, width: rect.width, element: "dim")
        for row in rows(report.dueThisWeek, panel: .dueThisWeek, in: rect) {
            let base = row.focus ? "card-focus" : "default"
            let instalment = row.item
            canvas.line([(DisplayWidth.pad(instalment.contractNumber, to: number), row.focus ? base : "card-number"),
                         (DisplayWidth.pad(DisplayWidth.truncate(instalment.customerName, to: customer - 1), to: customer), base),
                         (DisplayWidth.pad(t("receivables.instalment", instalment.sequence), to: sequence), base),
                         (DisplayWidth.pad(narrow ? String(instalment.due.description.dropFirst(5)) : instalment.due.description, to: dueDay), base),
                         (Self.right(narrow ? instalment.balance.compact : instalment.balance.description, amount), base)],
                        row: rect.row + 2 + row.offset, column: rect.column, width: rect.width, fill: base)
        }
    }

    private func drawContracts(_ report: ReceivablesReport, in rect: Rect, on canvas: Canvas) {
        heading(t("receivables.contracts"), count: report.contracts.count, panel: .contracts, in: rect, on: canvas)
        guard !report.contracts.isEmpty else {
            canvas.text(t("receivables.no-contracts"), row: rect.row + 2, column: rect.column + 1, width: rect.width - 1, element: "dim")
            return
        }
        let customer = max(6, rect.width - 20 - 14 - 6)
        canvas.text(DisplayWidth.pad(t("receivables.col.contract"), to: 20) + DisplayWidth.pad(t("receivables.col.customer"), to: customer)
                    + Self.right(t("receivables.col.outstanding"), 14) + Self.right("", 6), row: rect.row + 1, column: rect.column, width: rect.width, element: "dim")
        for row in rows(report.contracts, panel: .contracts, in: rect) {
            let base = row.focus ? "card-focus" : "default"
            let summary = row.item
            canvas.line([(DisplayWidth.pad(summary.contract.number, to: 20), row.focus ? base : "card-number"),
                         (DisplayWidth.pad(summary.contract.customerName, to: customer), base),
                         (Self.right(summary.outstanding.description, 14), summary.overdue.fen > 0 && !row.focus ? "sla.overdue" : base),
                         (Self.right("\(summary.paidPlans)/\(summary.totalPlans)", 6), row.focus ? base : "dim")],
                        row: rect.row + 2 + row.offset, column: rect.column, width: rect.width, fill: base)
        }
    }

    private func drawAged(_ lines: [ReceivablesReport.AgedLine], panel: ReceivablesModel.Panel, title: String, nameHeader: String,
                          in rect: Rect, on canvas: Canvas) {
        heading(title, count: lines.count, panel: panel, in: rect, on: canvas)
        guard !lines.isEmpty else {
            canvas.text(t("receivables.none-overdue"), row: rect.row + 2, column: rect.column + 1, width: rect.width - 1, element: "dim")
            return
        }
        let cell = 8
        let name = max(6, rect.width - cell * 5)
        canvas.text(DisplayWidth.pad(nameHeader, to: name) + AgeBucket.allCases.map { Self.right($0.description, cell) }.joined()
                    + Self.right(t("receivables.col.total"), cell), row: rect.row + 1, column: rect.column, width: rect.width, element: "dim")
        for row in rows(lines, panel: panel, in: rect) {
            let base = row.focus ? "card-focus" : "default"
            var segments: [(String, String)] = [(DisplayWidth.pad(row.item.name.isEmpty ? "—" : row.item.name, to: name), base)]
            for bucket in AgeBucket.allCases {
                let amount = row.item.buckets[bucket] ?? .zero
                segments.append((Self.right(amount.fen == 0 ? "·" : amount.compact, cell), amount.fen > 0 && bucket != .upTo30 && !row.focus ? "sla.overdue" : base))
            }
            segments.append((Self.right(row.item.total.compact, cell), base))
            canvas.line(segments, row: rect.row + 2 + row.offset, column: rect.column, width: rect.width, fill: base)
        }
    }
}
