import ClewDomain
import ClewServices
import ClewViewModel
import Foundation

/// The customer screen (key `6`): the customers the reader may read, by name, with their
/// contracts and money; the open customer's contacts, contracts, payments and timeline in a
/// box beside the list.
struct CustomersView {
    let model: CustomersModel
    let t: Localizer
    let focused: Bool
    let clock: ShortTime

    /// Rows above the list (the heading and the column names).
    static let headerRows = 2

    func draw(in rect: Rect, on canvas: Canvas) {
        let (list, side) = model.detail == nil ? (rect, nil) : {
            let (left, right) = rect.splitLeft(rect.width * 2 / 5)
            return (left, Optional(right))
        }()
        drawList(in: list, on: canvas)
        if let side, let detail = model.detail { drawDetail(detail, in: side, on: canvas) }
    }

    private static func right(_ text: String, _ width: Int) -> String {
        let cut = DisplayWidth.truncate(text, to: width)
        return String(repeating: " ", count: max(0, width - DisplayWidth.of(cut))) + cut
    }

    private func drawList(in rect: Rect, on canvas: Canvas) {
        let count = model.hasMore ? "\(model.customers.count)+" : "\(model.customers.count)"
        var heading: [(String, String)] = [(" " + t("tab.customers") + " ", "section"), (" \(count) ", "badge")]
        if !model.filter.isEmpty { heading.append(("  " + t("customers.filter", model.filter), "dim")) }
        if model.detail == nil { heading.append(("   " + t("customers.hint"), "dim")) }
        canvas.line(heading, row: rect.row, column: rect.column, width: rect.width, fill: "default")
        guard !model.customers.isEmpty else {
            let empty = model.filter.isEmpty ? t("customers.empty") : t("customers.none-match", model.filter)
            canvas.text(empty, row: rect.row + 2, column: rect.column + 2, width: rect.width - 2, element: "dim")
            return
        }
        let compact = model.detail != nil
        let cell = 10
        let columns = compact ? 1 : 4
        let name = max(8, rect.width - 2 - cell * columns)
        var header = " " + DisplayWidth.pad(t("customers.header"), to: name)
        header += compact ? Self.right(t("customers.col.overdue"), cell)
            : [t("customers.col.contracts"), t("customers.col.contracted"), t("customers.col.collected"), t("customers.col.overdue")]
                .map { Self.right($0, cell) }.joined()
        canvas.text(header, row: rect.row + 1, column: rect.column, width: rect.width, element: "dim")
        let cursor = model.cursor
        for (i, customer) in model.customers.dropFirst(cursor.offset).prefix(max(0, rect.height - Self.headerRows)).enumerated() {
            let isFocused = cursor.offset + i == cursor.index
            let base = isFocused ? (focused ? "card-focus" : "card-selected") : "default"
            var segments: [(String, String)] = [(" " + DisplayWidth.pad(customer.name, to: name), base)]
            if !compact {
                segments.append((Self.right("\(customer.contracts)", cell), base))
                segments.append((Self.right(customer.contracted.compact, cell), base))
                segments.append((Self.right(customer.collected.compact, cell), base))
            }
            segments.append((Self.right(customer.overdue.fen == 0 ? "·" : customer.overdue.compact, cell),
                             customer.overdue.fen > 0 && !isFocused ? "sla.overdue" : base))
            canvas.line(segments, row: rect.row + Self.headerRows + i, column: rect.column, width: rect.width, fill: base)
        }
    }

    /// The open customer: its figures, then contacts, contracts, payments and the timeline, as
    /// many lines as fit.
    private func drawDetail(_ detail: CustomerDetail, in rect: Rect, on canvas: Canvas) {
        canvas.box(rect, title: detail.summary.name)
        let inside = Rect(row: rect.row + 1, column: rect.column + 2, height: rect.height - 2, width: rect.width - 4)
        var lines: [[(String, String)]] = []
        let s = detail.summary
        lines.append([([s.industry, s.region].compactMap { $0 }.joined(separator: " · "), "dim")])
        lines.append([(t("customers.col.contracted") + " ", "dim"), (s.contracted.description + "  ", "default"),
                      (t("customers.col.collected") + " ", "dim"), (s.collected.description + "  ", "default"),
                      (t("customers.col.overdue") + " ", "dim"), (s.overdue.description, s.overdue.fen > 0 ? "sla.overdue" : "default")]
                     + (s.credit.fen > 0 ? [("  " + t("customers.credit", s.credit.description), "badge")] : []))
        func section(_ key: String, _ count: Int) {
            lines.append([])
            lines.append([(t(key) + " ", "section"), ("\(count)", "badge")])
            if count == 0 { lines.append([("  " + t("customers.none"), "dim")]) }
        }
        section("customers.contacts", detail.contacts.count)
        for contact in detail.contacts {
            lines.append([("  " + contact.name + " ", "default"), ([contact.title, contact.phone, contact.email].compactMap { $0 }.joined(separator: "  "), "dim")])
        }
        section("customers.contracts", detail.contracts.count)
        for summary in detail.contracts {
            let contract = summary.contract
            lines.append([("  " + DisplayWidth.pad(contract.number, to: 19), "card-number"),
                          (DisplayWidth.pad(t("contract.status.\(contract.status.rawValue)"), to: 7), "dim"),
                          (Self.right(contract.amount.description, 14) + " ", "default"),
                          ("\(summary.percentCollected)% · \(summary.paidPlans)/\(summary.totalPlans)", "dim"),
                          (summary.overdue.fen > 0 ? "  " + t("receivables.overdue") + " " + summary.overdue.description : "", "sla.overdue")])
        }
        section("customers.payments", detail.payments.count)
        for payment in detail.payments.reversed() {
            let mark = payment.reverses != nil ? t("payment.reversal") : payment.reversedBy != nil ? t("payment.reversed") : ""
            lines.append([("  " + payment.receivedOn.description + " ", "dim"), (Self.right(payment.amount.description, 14) + "  ", "default"),
                          (payment.contractNumber + " ", "card-number"), ((payment.reference ?? "") + " ", "dim"), (mark, "status-warning")])
        }
        section("customers.timeline", detail.timeline.count)
        for event in detail.timeline {
            lines.append([("  " + clock.time(event.at) + " ", "dim"), (event.actor + " ", "default"),
                          ("\(event.action) \(event.entity) ", "dim"), (event.detail, "default")])
        }
        for (i, line) in lines.prefix(max(0, inside.height)).enumerated() {
            canvas.line(line, row: inside.row + i, column: inside.column, width: inside.width, fill: "default")
        }
    }
}
