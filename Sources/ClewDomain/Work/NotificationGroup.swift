import Foundation

/// Which inbox group a notification belongs to: what people sent (mentions, approvals and
/// their decisions, objections, hand-overs, wins) or what the automation raised (SLA reminders
/// and escalations, stalled deals, overdue tasks, trigger and risk alerts, recycled leads,
/// delivery failures). The inbox shows them apart so sixty alerts never bury three mentions,
/// and each group can be marked read at once.
public enum NotificationGroup: String, CaseIterable, Sendable {
    /// From people: mentions, approvals and decisions, objections, assignments, hand-overs, wins.
    case messages
    /// Raised by the automation and the rules.
    case alerts

    /// The kinds people's actions send; every other kind is an automatic alert.
    public static let messageKinds: [String] = ["mention", "approval", "approval-decided", "objection", "assignment", "handover", "won"]

    /// The group of a notification of `kind`.
    public init(kind: String) {
        self = Self.messageKinds.contains(kind) ? .messages : .alerts
    }
}
