import ClewDomain
import ClewServices
import ClewViewModel
import Foundation

/// The lead detail pane: overview, contact, stage tracking (planned vs actual), score breakdown,
/// tasks and the timeline, scrolled as one document.
struct DetailView {
    let model: LeadDetailModel
    let t: Localizer
    let pipeline: Pipeline
    let focused: Bool
    let clock: ShortTime

    /// One line of the document: segments of (text, element).
    typealias Line = [(String, String)]

    func draw(in rect: Rect, on canvas: Canvas) {
        canvas.box(rect, title: model.lead.map { "\($0.number) · \($0.details.customer ?? "")" } ?? model.number,
                   element: focused ? "border-focus" : "border")
        let inner = rect.inset(by: 1)
        // Inside the sides (wider where box lines take two cells).
        let width = inner.width - 2 * Canvas.lineWidth + 1
        let lines = document(width: width)
        let maxScroll = max(0, lines.count - inner.height)
        if model.scroll > maxScroll { model.scroll = maxScroll }
        for (i, line) in lines.dropFirst(model.scroll).prefix(inner.height).enumerated() {
            canvas.line(line, row: inner.row + i, column: inner.column + 1, width: width)
        }
    }

    func document(width: Int) -> [Line] {
        guard let detail = model.detail else { return [] }
        let lead = detail.lead
        let d = lead.details
        var lines: [Line] = []
        func section(_ key: String) {
            lines.append([])
            lines.append([(t(key), "section")])
        }
        func field(_ key: String, _ value: String?) {
            guard let value, !value.isEmpty else { return }
            lines.append([(DisplayWidth.pad(t(key), to: 10), "detail.label"), (" " + value, "detail.value")])
        }
        let stageName = lead.stage.flatMap { pipeline.stage(named: $0) }.map { t.language == .zh ? $0.chineseName : $0.englishName }
        field("field.status", t.status(lead.status) + (stageName.map { " · \($0)" } ?? ""))
        field("field.grade", [lead.grade.map { "\($0)" }, lead.suggestedGrade.map { "≈\($0)" }, lead.score.map { "\($0)" }].compactMap { $0 }.joined(separator: " "))
        field("field.owner", lead.owner ?? lead.pool.map { t("detail.pool", $0) } ?? "—")
        field("field.amount", lead.amount?.description)
        field("field.industry", d.industry)
        field("field.need", d.need)
        field("field.source", [d.source, d.campaign].compactMap { $0 }.joined(separator: " · "))
        field("field.region", [d.region, d.city].compactMap { $0 }.joined(separator: " · "))
        field("field.budget", d.budget)
        field("detail.employees", d.employeeCount.map(String.init))
        field("detail.revenue", d.annualRevenue?.compact)
        field("detail.company-type", d.companyKind?.name(english: t.language == .en))
        field("detail.founded", d.foundedYear.map(String.init))
        field("detail.decision-chain", d.decisionChain)
        field("detail.captured", lead.capturedAt.map { clock.dated($0) + (lead.flags.contains(.lateRegistration) ? " · " + t("detail.registered-late") : "") })
        for (name, value) in model.dimensionValues {
            lines.append([(DisplayWidth.pad(name, to: 10), "detail.label"), (" " + value, "detail.value")])
        }
        for custom in detail.customFields {
            lines.append([(DisplayWidth.pad(custom.name, to: 10), "detail.label"), (" " + custom.value, "detail.value")])
        }
        for consent in detail.consents {
            let given = t(consent.given ? "consent.given" : "consent.not-given") + (consent.privacyVersion.map { " · " + t("consent.privacy", $0) } ?? "")
            field("field.consent", given + " · " + clock.day(consent.at) + " · " + t("consent.via", consent.via))
        }
        let tags = model.plainTags
        if !lead.flags.isEmpty || !tags.isEmpty {
            let marks = lead.flags.sorted().map { t.optional("flag.\($0.rawValue)") ?? $0.rawValue } + tags.filter { !lead.flags.map(\.rawValue).contains($0) }
            lines.append([("⚑ " + marks.joined(separator: t("list.separator")), "status-warning")])
        }

        section("detail.contact")
        field("field.contact", [d.contact, d.title].compactMap { $0 }.joined(separator: " · "))
        field("field.phone", d.phone)
        field("field.email", d.email)

        section("detail.stages")
        for row in model.stageRows {
            let name = DisplayWidth.pad(t.language == .zh ? row.chineseName : row.englishName, to: 12)
            let dates = "\(clock.day(row.enteredAt)) → \(clock.day(row.plannedExitAt)) / \(clock.day(row.exitedAt))"
            let element = row.status == StageProgress.late.rawValue ? "sla.stalled" : row.status == "done" ? "dim" : row.status.isEmpty ? "dim" : "detail.value"
            lines.append([(name, "detail.label"), (" " + dates + "  ", "dim"), (t.optional("stage-status.\(row.status)") ?? row.status, element)])
        }

        if let score = model.score {
            section("detail.score")
            lines.append([("\(score.total) → \(score.suggestedGrade)  ", "detail.value"),
                          (score.parts.map { "\($0.rule) +\($0.points)" }.joined(separator: ", "), "dim")])
        }

        let open = detail.tasks.filter { $0.status == .open }
        section("detail.tasks")
        for task in open { lines.append([("☐ ", "detail.label"), (clock.time(task.effectiveDue) + "  ", "timeline.date"), (task.title, "detail.value")]) }
        if open.isEmpty { lines.append([("—", "dim")]) }

        section("detail.timeline")
        for entry in model.timeline {
            let element = entry.kind == .followUp ? "detail.value" : entry.kind == .note ? "timeline.note" : "dim"
            // A long follow-up wraps under itself instead of being cut, so it can be read whole
            // (scroll with j/k).
            let head = clock.time(entry.at) + " " + entry.who + " "
            let indent = String(repeating: " ", count: min(17, DisplayWidth.of(head)))
            let first = max(10, width - DisplayWidth.of(head))
            let wrapped = TextWrap.lines(entry.summary, width: first)
            lines.append([(clock.time(entry.at) + " ", "timeline.date"), (entry.who + " ", "detail.label"), (wrapped[0], element)])
            let rest = wrapped.dropFirst().joined(separator: " ")
            if !rest.isEmpty {
                for line in TextWrap.lines(rest, width: max(10, width - indent.count)) { lines.append([(indent, "dim"), (line, element)]) }
            }
            if let more = entry.detail {
                for line in TextWrap.lines(more, width: max(10, width - 17)) { lines.append([("                 ", "dim"), (line, "dim")]) }
            }
        }
        return lines
    }
}
