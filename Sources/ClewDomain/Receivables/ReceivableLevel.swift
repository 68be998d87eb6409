import Foundation

/// One reminder level of the receivables (`[[receivable.level]]` in the process file): what
/// happens `offset` from an instalment's due date while money is still owed on it — Odoo's
/// follow-up levels, seed 001's 到期前3天提醒财务 and 催收.
public struct ReceivableLevel: Hashable, Sendable, Codable {
    /// The level's name in the firing log (`before-due`, `due`, `overdue`, `escalate`).
    public var name: String
    /// From the due date: negative before it, `0 days` on it.
    public var offset: CalendarSpan
    public var actions: [ReceivableAction]

    public init(name: String, offset: CalendarSpan, actions: [ReceivableAction]) {
        self.name = name
        self.offset = offset
        self.actions = actions
    }

    /// The day the level falls on for an instalment due on `due`. A due date on a weekend or a
    /// holiday is collected the next working day (顺延), and offsets on or after it count from
    /// that day; a calendar offset that lands on a day off moves to a working day — before the
    /// due date to the working day before it (finance is reminded ahead, not after), otherwise
    /// to the next one.
    public func day(forDue due: CalendarDay, on calendar: WorkingCalendar) -> CalendarDay {
        let base = offset.isBefore ? due : calendar.workingDay(from: due, forward: true)
        let raw = offset.day(after: base, on: calendar)
        if case .workingDays = offset, calendar.isWorkingDay(raw) { return raw }
        return calendar.workingDay(from: raw, forward: !offset.isBefore)
    }

    /// The rule's key in the firing log.
    public var ruleKey: String { "receivable.\(name)" }

    /// The levels Clew starts with (issue 14): three days before due a task for finance; at due
    /// an email to the customer; the day after due the instalment is overdue and a collection
    /// task goes to finance and the owner; thirty days after due the supervisor is told.
    public static let standard: [ReceivableLevel] = [
        ReceivableLevel(name: "before-due", offset: .days(-3), actions: [.task(for: "finance")]),
        ReceivableLevel(name: "due", offset: .days(0), actions: [.emailCustomer(template: "payment-due")]),
        ReceivableLevel(name: "overdue", offset: .days(1), actions: [.markOverdue, .task(for: "finance"), .task(for: "owner")]),
        ReceivableLevel(name: "escalate", offset: .days(30), actions: [.escalate]),
    ]
}

/// What a reminder level does.
public enum ReceivableAction: Hashable, Sendable, Codable, CustomStringConvertible {
    /// A task for `who` (`finance`, `owner`, `supervisor`, a login): a reminder before due, a
    /// collection task (催收) once overdue.
    case task(for: String)
    /// An email to the customer's contact through the outbox.
    case emailCustomer(template: String)
    /// An SMS to the customer's contact through the outbox.
    case smsCustomer(template: String)
    /// An inbox notice for `who`.
    case notify(String)
    /// The instalment is marked overdue (逾期).
    case markOverdue
    /// The owner's supervisor is told the money is long overdue.
    case escalate

    /// Reads `task:finance`, `email-customer:payment-due`, `sms-customer:payment-due`,
    /// `notify:owner`, `mark-overdue`, `escalate`.
    public init?(parsing text: String) {
        let parts = text.split(separator: ":", maxSplits: 1).map { TextNormalization.trimmed(String($0)) }
        switch (parts.first, parts.count) {
        case ("task", 2) where !parts[1].isEmpty: self = .task(for: parts[1])
        case ("email-customer", 2) where !parts[1].isEmpty: self = .emailCustomer(template: parts[1])
        case ("sms-customer", 2) where !parts[1].isEmpty: self = .smsCustomer(template: parts[1])
        case ("notify", 2) where !parts[1].isEmpty: self = .notify(parts[1])
        case ("mark-overdue", 1): self = .markOverdue
        case ("escalate", 1): self = .escalate
        default: return nil
        }
    }

    public var description: String {
        switch self {
        case let .task(who): "task:\(who)"
        case let .emailCustomer(template): "email-customer:\(template)"
        case let .smsCustomer(template): "sms-customer:\(template)"
        case let .notify(who): "notify:\(who)"
        case .markOverdue: "mark-overdue"
        case .escalate: "escalate"
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let action = ReceivableAction(parsing: text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "unknown receivable action '\(text)'")
        }
        self = action
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
