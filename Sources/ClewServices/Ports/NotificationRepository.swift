import ClewDomain
import Foundation

/// The notifications of a transaction (a user's inbox messages). New ones are put by
/// ``StoreTransaction/notify(_:kind:leadID:body:parameters:)``; marking them read is audited
/// (one `read` row per call that read any: the group or `count`, and how many).
public protocol NotificationRepository {
    /// `recipient`'s unread notifications of `group`, newest first (by time, then id), at most `limit`.
    func unread(for recipient: String, in group: NotificationGroup, limit: Int) throws -> [NotificationItem]
    /// How many unread notifications of `group` `recipient` has.
    func unreadCount(for recipient: String, in group: NotificationGroup) throws -> Int
    /// Marks `recipient`'s unread notifications of `group` read, now; returns how many.
    func markRead(for recipient: String, in group: NotificationGroup) throws -> Int
    /// Marks `recipient`'s unread notifications read, now: those of `ids`, or all when nil;
    /// returns how many.
    func markRead(_ ids: [Int64]?, for recipient: String) throws -> Int
    /// The unread notifications about lead `id`, whoever they are for, by id with their kind:
    /// the alerts closing the lead clears.
    func unread(onLead id: Int64) throws -> [(id: Int64, kind: String)]
    /// Marks notifications `ids` read, now, whoever they are for: alerts cleared by a change the
    /// caller audits on the lead (``LeadChange/clearAlerts``).
    func clear(_ ids: [Int64]) throws
}
