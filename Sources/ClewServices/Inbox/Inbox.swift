import ClewDomain
import Foundation

/// Everything waiting for one user (收件箱): tasks by urgency, assignments to confirm,
/// mentions and other notifications, approvals to decide.
public struct Inbox: Sendable {
    /// Open tasks due before the start of today.
    public var overdue: [TaskItem]
    /// Open tasks due today.
    public var today: [TaskItem]
    /// Open tasks due in the next 7 days (or with no due date).
    public var upcoming: [TaskItem]
    /// Leads assigned to the user and not yet confirmed.
    public var awaitingConfirmation: [Lead]
    /// Unread notifications (mentions, escalations, objections, decisions…), newest first:
    /// up to the limit of each ``ClewDomain/NotificationGroup``, so alerts never crowd out messages.
    public var notifications: [NotificationItem]
    /// How many unread notifications each group holds (beyond what is loaded, too).
    public var unread: [NotificationGroup: Int] = [:]
    /// Approval requests the user must decide.
    public var approvals: [ApprovalItem]

    /// The number shown on the inbox badge: everything that needs action.
    public var count: Int {
        overdue.count + today.count + awaitingConfirmation.count + notifications.count + approvals.count
    }

    /// A value with each of its fields given.
    public init(overdue: [TaskItem], today: [TaskItem], upcoming: [TaskItem], awaitingConfirmation: [Lead],
                notifications: [NotificationItem], unread: [NotificationGroup: Int] = [:], approvals: [ApprovalItem]) {
        self.overdue = overdue
        self.today = today
        self.upcoming = upcoming
        self.awaitingConfirmation = awaitingConfirmation
        self.notifications = notifications
        self.unread = unread
        self.approvals = approvals
    }
}
