import ClewDomain
import Foundation

/// Reads and clears the inbox — over the store's ports, so it runs on SQLite, in memory
/// (tests) and on any store that passes the conformance suite.
public struct InboxService: InboxUseCases {
    let store: any ServiceStore
    public let actor: ActingUser
    /// The zone the inbox's days (overdue, today, upcoming) are in: the working calendar's.
    let timeZone: TimeZone

    public init(store: any ServiceStore, actor: ActingUser, timeZone: TimeZone) {
        self.store = store
        self.actor = actor
        self.timeZone = timeZone
    }

    /// The actor's inbox as of now: open tasks due before a week from now (and those with no
    /// date) split into overdue, today and upcoming; assignments to confirm; unread
    /// notifications, up to `limit` of each group (so alerts never crowd out messages); the
    /// approvals the actor must decide.
    public func inbox(limit: Int = 100) throws -> Inbox {
        let limit = min(max(limit, 0), 10_000)
        let now = store.now
        let startOfToday = now.startOfDay(in: timeZone)
        // The middle of tomorrow, rounded down: the start of tomorrow even on a 23- or 25-hour day.
        let startOfTomorrow = startOfToday.addingTimeInterval(86_400 * 1.5).startOfDay(in: timeZone)
        let horizon = startOfToday.addingTimeInterval(86_400 * 8)
        return try store.read { tx in
            let tasks = try tx.tasks.open(assignee: actor.login, dueBefore: horizon, limit: limit * 3)
            // A task with no date counts as due at the end of the horizon: upcoming.
            let due = { (task: TaskItem) in task.effectiveDue ?? horizon.addingTimeInterval(-1) }
            var notifications: [NotificationItem] = []
            var unread: [NotificationGroup: Int] = [:]
            for group in NotificationGroup.allCases {
                notifications += try tx.notifications.unread(for: actor.login, in: group, limit: limit)
                unread[group] = try tx.notifications.unreadCount(for: actor.login, in: group)
            }
            return Inbox(
                overdue: Array(tasks.filter { due($0) < startOfToday }.prefix(limit)),
                today: Array(tasks.filter { due($0) >= startOfToday && due($0) < startOfTomorrow }.prefix(limit)),
                upcoming: Array(tasks.filter { due($0) >= startOfTomorrow }.prefix(limit)),
                awaitingConfirmation: try tx.leads.awaitingConfirmation(owner: actor.login, limit: limit),
                notifications: notifications, unread: unread,
                approvals: try tx.approvals.pending(approver: actor.login, limit: limit))
        }
    }

    /// Marks every unread notification of `group` read (the inbox's mark-all-read for a group).
    @discardableResult
    public func markRead(group: NotificationGroup) throws -> Int {
        try store.write(as: actor) { tx in try tx.notifications.markRead(for: actor.login, in: group) }
    }

    /// Marks notifications read (all of the actor's when `ids` is nil).
    @discardableResult
    public func markRead(_ ids: [Int64]? = nil) throws -> Int {
        try store.write(as: actor) { tx in try tx.notifications.markRead(ids, for: actor.login) }
    }
}
