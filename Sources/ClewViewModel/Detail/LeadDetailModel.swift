import ClewDomain
import ClewServices
import Foundation

/// The lead detail pane: overview, contacts, stage tracking, timeline, tasks, score breakdown.
public final class LeadDetailModel {
    let services: any SessionServices
    public let number: String
    public private(set) var detail: LeadDetail?
    /// The merged timeline, newest first.
    public private(set) var timeline: [TimelineEntry] = []
    /// Scroll position in lines.
    public var scroll = 0

    /// The language the timeline is written in.
    let language: Language

    public init(services: any SessionServices, number: String, language: Language = .en) {
        self.services = services
        self.number = number
        self.language = language
    }

    public var lead: Lead? { detail?.lead }

    public func reload() throws {
        let loaded = try services.leads.detail(number)
        detail = loaded
        let t = Localizer(language)
        let pipeline = services.pipeline
        timeline = TimelineEntry.build(from: loaded, t: t) { key in pipeline.stage(named: key).map(t.stage) ?? key }
    }

    /// The score and the rules behind it.
    public var score: LeadScore? { detail?.score }

    /// Stage tracking rows: every pipeline stage with planned and actual dates and a status.
    public var stageRows: [StageRow] {
        guard let detail else { return [] }
        let now = services.now
        return services.pipeline.stages.map { stage in
            let visit = detail.stages.last { $0.stage == stage.key }
            return StageRow(key: stage.key, chineseName: stage.chineseName, englishName: stage.englishName,
                            enteredAt: visit?.enteredAt, plannedExitAt: visit?.plannedExitAt, exitedAt: visit?.exitedAt,
                            status: visit.map { $0.status(at: now) } ?? "")
        }
    }

    /// Each tag dimension of the process file with the lead's value (客户类型: 高潜力), in the
    /// file's order; dimensions the lead has no value for are left out.
    public var dimensionValues: [(name: String, value: String)] {
        guard let lead else { return [] }
        return services.tagDimensions.compactMap { dimension in
            TagDimension.value(of: dimension.name, in: lead.tags).map { (dimension.name, $0) }
        }
    }

    /// The lead's tags that are not a tag dimension's value (those are ``dimensionValues``).
    public var plainTags: [String] {
        guard let lead else { return [] }
        let names = Set(services.tagDimensions.map(\.name))
        return lead.tags.filter { tag in TagDimension.split(tag).map { !names.contains($0.name) } ?? true }.sorted()
    }

    public func scroll(by lines: Int) { scroll = max(0, scroll + lines) }
}

/// One stage in the detail pane's stage tracking.
public struct StageRow: Hashable, Sendable {
    public var key: String
    public var chineseName: String
    public var englishName: String
    public var enteredAt: Date?
    public var plannedExitAt: Date?
    public var exitedAt: Date?
    /// `in-progress`, `done`, `late` (异常), or empty when never entered.
    public var status: String
}

/// One line of the timeline: a follow-up, a note, or a change from the audit trail.
public struct TimelineEntry: Hashable, Sendable {
    public enum Kind: String, Sendable { case followUp, note, change }

    public var at: Date
    public var kind: Kind
    public var who: String
    public var summary: String
    public var detail: String?

    /// Follow-ups, notes and meaningful audit rows, newest first.
    static func build(from detail: LeadDetail, t: Localizer, stageName: (String) -> String = { $0 }) -> [TimelineEntry] {
        var entries: [TimelineEntry] = []
        for f in detail.followUps {
            var extra: [String] = []
            if let feedback = f.feedback { extra.append("↳ \(feedback)") }
            if let next = f.nextAction { extra.append("→ \(next)") }
            entries.append(TimelineEntry(at: f.at, kind: .followUp, who: f.author,
                                         summary: "[\(t.method(f.method))] \(f.contactPerson.map { "\($0): " } ?? "")\(f.content)",
                                         detail: extra.isEmpty ? nil : extra.joined(separator: "  ")))
        }
        for n in detail.notes {
            entries.append(TimelineEntry(at: n.createdAt, kind: .note, who: n.author, summary: "✎ \(n.kind == "note" ? "" : "[\(t.optional("notification.\(n.kind)") ?? n.kind)] ")\(n.body)", detail: nil))
        }
        let shown: Set<String> = ["status", "stage", "owner", "grade", "amount_fen", "lost_reason", "number"]
        for h in detail.history where h.field.map(shown.contains) ?? false {
            let field = h.field ?? ""
            let summary: String
            switch field {
            case "number": summary = t("timeline.created")
            case "amount_fen": summary = t("timeline.field.amount") + " → \(h.new.flatMap(Int64.init).map { Money(fen: $0).description } ?? "—")"
            case "stage":
                summary = "\(t("timeline.field.stage")): \(h.old.map(stageName) ?? "—") → \(h.new.map(stageName) ?? "—")"
            case "status":
                func name(_ raw: String?) -> String { raw.flatMap(LeadStatus.init(rawValue:)).map(t.status) ?? raw ?? "—" }
                summary = "\(t("timeline.field.status")): \(name(h.old)) → \(name(h.new))"
            default: summary = "\(t.optional("timeline.field.\(field)") ?? field): \(h.old ?? "—") → \(h.new ?? "—")"
            }
            entries.append(TimelineEntry(at: h.at, kind: .change, who: h.via.map { t("timeline.via", h.actor, $0) } ?? h.actor, summary: summary, detail: nil))
        }
        return entries.sorted { $0.at > $1.at }
    }
}
