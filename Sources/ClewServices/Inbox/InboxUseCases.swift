import ClewDomain
import Foundation

/// The actor's inbox: tasks by urgency, assignments to confirm, notifications, approvals.
public protocol InboxUseCases: Sendable {
    /// Everything waiting for the actor, up to `limit` items of each kind.
    func inbox(limit: Int) throws -> Inbox
    /// Marks the unread notifications of `group` read; returns how many.
    @discardableResult
    func markRead(group: NotificationGroup) throws -> Int
    /// Marks the notifications `ids` read (all of the actor's when nil); returns how many.
    @discardableResult
    func markRead(_ ids: [Int64]?) throws -> Int
}
