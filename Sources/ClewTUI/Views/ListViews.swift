import ClewDomain
import ClewServices
import ClewViewModel
import Foundation

/// The inbox: sections (assignments, approvals, overdue, today, notifications, upcoming).
struct InboxView {
    let model: InboxModel
    let t: Localizer
    let focused: Bool
    let clock: ShortTime

    func draw(in rect: Rect, on canvas: Canvas) {
        if model.rows.isEmpty {
            canvas.text(t("inbox.empty"), row: rect.row + 1, column: rect.column + 2, width: rect.width - 2, element: "dim")
            return
        }
        let cursor = model.cursor
        for (i, row) in model.rows.dropFirst(cursor.offset).prefix(rect.height).enumerated() {
            let y = rect.row + i
            let selected = focused && cursor.offset + i == cursor.index
            let base = selected ? "card-focus" : "default"
            switch row {
            case let .header(key, count):
                canvas.line([(" \(t("inbox.\(key)")) (\(count))", "section")], row: y, column: rect.column, width: rect.width, fill: "default")
            case let .task(task, overdue):
                canvas.line([("  ☐ ", base), (clock.time(task.effectiveDue) + "  ", overdue ? "sla.overdue" : (selected ? base : "timeline.date")),
                             (DisplayWidth.pad(task.leadNumber ?? "", to: 16) + " ", selected ? base : "card-number"),
                             (DisplayWidth.pad(task.leadCustomer ?? "", to: 24) + " ", base), (task.title, base)],
                            row: y, column: rect.column, width: rect.width, fill: base)
            case let .assignment(lead):
                canvas.line([("  ✉ ", base), (lead.number.description + " ", selected ? base : "card-number"),
                             (lead.grade.map { "[\($0)] " } ?? "", selected ? base : "grade.\(lead.grade?.rawValue.lowercased() ?? "b")"),
                             (DisplayWidth.pad(lead.details.customer ?? "", to: 24) + " ", base), (lead.details.need ?? "", base)],
                            row: y, column: rect.column, width: rect.width, fill: base)
            case let .approval(item):
                canvas.line([("  ⚖ ", base), (item.leadNumber + " ", selected ? base : "card-number"),
                             ("\(model.stageName(item.fromStage, t: t)) → \(model.stageName(item.toStage, t: t))  ", base), ("\(item.requestedBy): ", base), (item.reason ?? "", base)],
                            row: y, column: rect.column, width: rect.width, fill: base)
            case let .notification(item):
                canvas.line([("  • ", base), (clock.time(item.createdAt) + "  ", selected ? base : "timeline.date"),
                             ("[\(t.optional("notification.\(item.kind)") ?? item.kind)] ", selected ? base : "badge"), (model.text(of: item, t: t), base)],
                            row: y, column: rect.column, width: rect.width, fill: base)
            }
        }
    }
}

/// The screening queue: oldest first, waiting time, score and suggested grade, suggested rep.
struct ScreeningView {
    let model: ScreeningModel
    let t: Localizer
    let focused: Bool

    func draw(in rect: Rect, on canvas: Canvas) {
        canvas.line([(" \(model.total) \(t("tab.screening"))", "section"),
                     (model.selected.isEmpty ? "" : "  · " + t("screening.selected", model.selected.count), "badge")],
                    row: rect.row, column: rect.column, width: rect.width, fill: "default")
        let header = "   " + DisplayWidth.pad(t("screening.number"), to: 16) + " " + DisplayWidth.pad(t("screening.waiting"), to: 7) + " "
            + DisplayWidth.pad(t("screening.score"), to: 7) + " " + DisplayWidth.pad(t("field.customer"), to: 26) + " "
            + DisplayWidth.pad(t("field.region") + "/" + t("field.industry"), to: 14) + " " + t("screening.suggested")
        canvas.text(header, row: rect.row + 1, column: rect.column, width: rect.width, element: "column-header", pad: true)
        if model.items.isEmpty {
            canvas.text(t("screening.empty"), row: rect.row + 3, column: rect.column + 2, width: rect.width - 2, element: "dim")
            return
        }
        let cursor = model.cursor
        for (i, item) in model.items.dropFirst(cursor.offset).prefix(rect.height - 2).enumerated() {
            let lead = item.lead
            let selectedRow = focused && cursor.offset + i == cursor.index
            let base = selectedRow ? "card-focus" : (model.selected.contains(lead.number.description) ? "card-selected" : "default")
            let mark = model.selected.contains(lead.number.description) ? "✔ " : "  "
            let hours = Int(item.waitingWorkingSeconds / 3_600)
            let waiting = hours >= 9 ? "\(hours / 9)\(t("days"))" : "\(hours)\(t("hours"))"
            let grade = lead.grade.map { "[\($0)]" } ?? "≈\(item.score.suggestedGrade)"
            let suggestion = item.suggestions.first.map { "\($0.login) (\(explanation($0, for: lead)))" } ?? "—"
            canvas.line([(" " + mark, base), (DisplayWidth.pad(lead.number.description, to: 16) + " ", selectedRow ? base : "card-number"),
                         (DisplayWidth.pad(waiting, to: 7) + " ", hours >= 9 ? "sla.overdue" : base),
                         (DisplayWidth.pad("\(item.score.total) \(grade)", to: 7) + " ", base),
                         (DisplayWidth.pad(lead.details.customer ?? "", to: 26) + " ", base),
                         (DisplayWidth.pad([lead.details.region, lead.details.industry].compactMap { $0 }.joined(separator: "/"), to: 14) + " ", base),
                         (suggestion, base)],
                        row: rect.row + 2 + i, column: rect.column, width: rect.width, fill: base)
        }
    }
}

extension ScreeningView {
    /// Why a rep is suggested, in the reader's language: the region and industry that match
    /// (or none), then their load.
    func explanation(_ suggestion: AssignmentSuggestion, for lead: Lead) -> String {
        var parts: [String] = []
        if suggestion.regionMatch, let region = lead.details.region { parts.append(region) }
        if suggestion.industryMatch, let industry = lead.details.industry { parts.append(industry) }
        if parts.isEmpty { parts.append(t("screening.no-territory-match")) }
        parts.append("\(suggestion.openLeads)/\(suggestion.capacity)")
        return parts.joined(separator: " · ")
    }
}

/// Search results.
struct SearchView {
    let model: SearchModel
    let t: Localizer
    let focused: Bool

    func draw(in rect: Rect, on canvas: Canvas) {
        let count = model.hasMore ? t("search.count-more", model.results.count, model.total) : "\(model.total)"
        canvas.line([(" /\(model.query)  ", "section"), (count, "badge")], row: rect.row, column: rect.column, width: rect.width, fill: "default")
        if model.results.isEmpty {
            canvas.text(model.query.isEmpty ? "" : t("search.empty"), row: rect.row + 2, column: rect.column + 2, width: rect.width - 2, element: "dim")
            return
        }
        let cursor = model.cursor
        for (i, hit) in model.results.dropFirst(cursor.offset).prefix(rect.height - 1).enumerated() {
            let lead = hit.lead
            let base = focused && cursor.offset + i == cursor.index ? "card-focus" : "default"
            let match = hit.field.map { (hit.matchedIn == .followUp ? "↳ " : "") + t("search.field.\($0)") + ": " + (hit.excerpt ?? "") }
                ?? (lead.details.need ?? "")
            canvas.line([("  " + DisplayWidth.pad(lead.number.description, to: 16) + " ", base == "default" ? "card-number" : base),
                         (DisplayWidth.pad(t.status(lead.status), to: 10) + " ", base), (DisplayWidth.pad(lead.owner ?? "", to: 10) + " ", base),
                         (DisplayWidth.pad(lead.details.customer ?? "", to: 28) + " ", base), (match, base == "default" ? "dim" : base)],
                        row: rect.row + 1 + i, column: rect.column, width: rect.width, fill: base)
        }
    }
}
