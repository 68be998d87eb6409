import ClewDomain
import ClewServices

/// A stored notification written in the reader's language: the catalogue text its kind and text
/// name (`notification-text.reminder.confirm`), filled with its stored values. Values that are
/// names (a stage key, a duration, a trigger event, a decision, a lead field) are written in the
/// reader's language too.
public struct NotificationText: Sendable {
    /// What a stored value is, where it needs translating.
    enum Value: Sendable {
        /// A stage key, a duration, a trigger event, a decision, a lead field.
        case stage, duration, event, decision, field
        /// A login, or no one (empty); a lead's owner, or unassigned (empty).
        case someone, owner
        /// A lead number after a task's title, in brackets (nothing when empty).
        case aside
    }

    /// The values that need translating, by catalogue text (the `notification-text.` key
    /// without its prefix) and position; every other value is shown as stored.
    static let values: [String: [Int: Value]] = [
        "approval": [2: .stage, 3: .stage], "stage-owner": [2: .stage],
        "approval-decided": [1: .decision, 3: .stage],
        "trigger": [1: .event], "risk": [1: .event],
        "escalation.unconfirmed": [2: .duration], "escalation.first-follow-up": [2: .duration],
        "reminder.confirm": [1: .duration], "reminder.escalated": [1: .someone],
        "reminder.task": [2: .aside], "overdue.now": [2: .aside], "overdue.since": [2: .aside],
        "stalled": [1: .stage, 2: .duration, 3: .owner],
        "duplicate": [1: .field, 3: .owner],
    ]

    let t: Localizer
    let pipeline: Pipeline

    public init(_ t: Localizer, pipeline: Pipeline) {
        self.t = t
        self.pipeline = pipeline
    }

    /// The catalogue key of a notification's text.
    public static func key(kind: String, text: String?) -> String {
        "notification-text.\(kind)" + (text.map { ".\($0)" } ?? "")
    }

    /// The notification in the reader's language; its stored English body when it has no
    /// parameters (stored before v9) or the catalogue does not know its text.
    public func text(of item: NotificationItem) -> String {
        guard let parameters = item.parameters, let template = t.optional(Self.key(kind: item.kind, text: parameters.text)) else {
            return item.body
        }
        let shapes = Self.values[String(Self.key(kind: item.kind, text: parameters.text).dropFirst("notification-text.".count))] ?? [:]
        var text = template
        for (index, value) in parameters.values.enumerated() {
            let shown = shapes[index].map { translate(value, as: $0) } ?? value
            text = text.replacingOccurrences(of: "{\(index)}", with: shown)
        }
        return text.replacingOccurrences(of: #"[:：]\s*$"#, with: "", options: .regularExpression)
    }

    func translate(_ value: String, as kind: Value) -> String {
        switch kind {
        case .stage: return stage(value)
        case .decision: return t.optional("decision.\(value)") ?? value
        case .field: return t.optional("field.\(value)") ?? value
        case .someone: return value.isEmpty ? t("notification.nobody") : value
        case .owner: return value.isEmpty ? t("notification.unassigned") : value
        case .aside: return value.isEmpty ? "" : t("notification.aside", value)
        case .duration: return duration(value)
        case .event: return event(value)
        }
    }

    private func stage(_ key: String) -> String { pipeline.stage(named: key).map(t.stage) ?? key }

    /// `2 working hours` → `2 个工作小时` (as stored by ``ProcessDuration`` or ``ExpectedDuration``).
    private func duration(_ text: String) -> String {
        guard let duration = ProcessDuration(parsing: text) else { return text }
        // English keeps the process file's own words (with "1 working hour" singular).
        if t.language == .en { return duration.description }
        switch duration {
        case let .workingHours(n): return t("duration.working-hours", n)
        case let .workingDays(n): return t("duration.working-days", n)
        case let .hours(n): return t("duration.hours", n)
        case let .days(n): return t("duration.days", n)
        }
    }

    /// `stage-entered:proposal` → `entered stage Proposal` / `进入「方案报价」阶段`.
    private func event(_ text: String) -> String {
        guard let event = TriggerEvent(parsing: text) else { return text }
        switch event {
        case let .stageEntered(s): return t("event.stage-entered", stage(s))
        case let .stageLeft(s): return t("event.stage-left", stage(s))
        case .gradeChanged: return t("event.grade-changed")
        case .leadWon: return t("event.lead-won")
        case .leadLost: return t("event.lead-lost")
        case let .tagAdded(tag): return t("event.tag-added", tag)
        case .contractSigned: return t("event.contract-signed")
        }
    }
}
