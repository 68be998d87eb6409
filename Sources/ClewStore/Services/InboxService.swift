import ClewDomain
import ClewServices
import Foundation
import GRDB

/// Reads and clears the inbox.
public struct InboxService: Sendable {
    let context: ClewContext
    public let actor: ActingUser

    public init(context: ClewContext, actor: ActingUser) {
        self.context = context
        self.actor = actor
    }

    /// The actor's inbox as of now.
    public func inbox(limit: Int = 100) throws -> Inbox {
        let now = context.clock.now()
        let zone = context.calendar.timeZone
        let startOfToday = CalendarDay.containing(now, in: zone).date(in: zone)
        let startOfTomorrow = startOfToday.addingTimeInterval(86_400 * 1.5).startOfDay(in: zone)
        let horizon = startOfToday.addingTimeInterval(86_400 * 8)
        return try context.read { db in
            let tasks = try Row.fetchAll(db, sql: """
                SELECT \(Tasks.selection) FROM task
                WHERE assignee = ? AND status = 'open' AND coalesce(snoozed_until, due_at, ?) < ?
                ORDER BY coalesce(snoozed_until, due_at) LIMIT ?
                """, arguments: [actor.login, horizon.storage - 1, horizon.storage, limit * 3]).map(TaskItem.init(row:))
            let due = { (task: TaskItem) in task.effectiveDue ?? horizon.addingTimeInterval(-1) }
            let leads = try Lead.fetchAll(db, sql: "SELECT \(Lead.selection) FROM lead WHERE owner = ? AND status = 'assigned' ORDER BY status_changed_at LIMIT ?",
                                          arguments: [actor.login, limit])
            let messageKinds = NotificationGroup.messageKinds
            let marks = Array(repeating: "?", count: messageKinds.count).joined(separator: ",")
            var notifications: [NotificationItem] = []
            var unread: [NotificationGroup: Int] = [:]
            for group in NotificationGroup.allCases {
                let condition = "recipient = ? AND read_at IS NULL AND kind \(group == .messages ? "IN" : "NOT IN") (\(marks))"
                let arguments = StatementArguments([actor.login] + messageKinds)
                notifications += try Row.fetchAll(db, sql: """
                    SELECT notification.id, kind, lead.number, actor, body, notification.created_at, notification.params
                    FROM notification LEFT JOIN lead ON lead.id = notification.lead_id
                    WHERE \(condition) ORDER BY notification.created_at DESC, notification.id DESC LIMIT ?
                    """, arguments: arguments + [limit]).map {
                    NotificationItem(id: $0["id"], kind: $0["kind"], leadNumber: $0["number"], actor: $0["actor"],
                                     body: $0["body"], createdAt: Date(storage: $0["created_at"]),
                                     parameters: NotificationParameters(storage: $0["params"]))
                }
                unread[group] = try Int.fetchOne(db, sql: "SELECT count(*) FROM notification WHERE \(condition)", arguments: arguments) ?? 0
            }
            let approvals = try Row.fetchAll(db, sql: """
                SELECT \(ApprovalItem.selection) FROM approval JOIN lead ON lead.id = approval.lead_id
                WHERE approval.approver = ? AND approval.status = 'pending' ORDER BY approval.created_at LIMIT ?
                """, arguments: [actor.login, limit]).map(ApprovalItem.init(row:))
            return Inbox(
                overdue: Array(tasks.filter { due($0) < startOfToday }.prefix(limit)),
                today: Array(tasks.filter { due($0) >= startOfToday && due($0) < startOfTomorrow }.prefix(limit)),
                upcoming: Array(tasks.filter { due($0) >= startOfTomorrow }.prefix(limit)),
                awaitingConfirmation: leads, notifications: notifications, unread: unread, approvals: approvals)
        }
    }

    /// Marks every unread notification of `group` read (the inbox's mark-all-read for a group).
    @discardableResult
    public func markRead(group: NotificationGroup) throws -> Int {
        let kinds = NotificationGroup.messageKinds
        let marks = Array(repeating: "?", count: kinds.count).joined(separator: ",")
        return try context.mutate(as: actor) { m in
            try m.db.execute(sql: """
                UPDATE notification SET read_at = ? WHERE recipient = ? AND read_at IS NULL AND kind \(group == .messages ? "IN" : "NOT IN") (\(marks))
                """, arguments: StatementArguments([m.now.storage, actor.login] as [any DatabaseValueConvertible]) + StatementArguments(kinds))
            let count = m.db.changesCount
            if count > 0 { try m.audit("read", entity: "notification", id: 0, field: group.rawValue, new: String(count)) }
            return count
        }
    }

    /// Marks notifications read (all of the actor's when `ids` is nil).
    @discardableResult
    public func markRead(_ ids: [Int64]? = nil) throws -> Int {
        try context.mutate(as: actor) { m in
            if let ids {
                for id in ids {
                    try m.db.execute(sql: "UPDATE notification SET read_at = ? WHERE id = ? AND recipient = ? AND read_at IS NULL",
                                     arguments: [m.now.storage, id, actor.login])
                }
            } else {
                try m.db.execute(sql: "UPDATE notification SET read_at = ? WHERE recipient = ? AND read_at IS NULL",
                                 arguments: [m.now.storage, actor.login])
            }
            let count = m.db.changesCount
            if count > 0 { try m.audit("read", entity: "notification", id: ids?.first ?? 0, field: "count", new: String(count)) }
            return count
        }
    }
}

extension Date {
    func startOfDay(in zone: TimeZone) -> Date { CalendarDay.containing(self, in: zone).date(in: zone) }
}
