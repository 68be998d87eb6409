import ClewDomain
import ClewServices
import Foundation

/// What the cross-store comparisons read of a store after the same work on each: the audit rows
/// written since a mark and the unread notices, in forms both stores can match row for row.
extension StoreUnderTest {
    /// Where the audit trail of each of `entities` ends now: what ``trails(since:)`` reads on from.
    func auditMarks(_ entities: [String]) throws -> [(entity: String, count: Int)] {
        try store.read { tx in try entities.map { ($0, try tx.history(of: $0).count) } }
    }

    /// The audit rows written since `marks`, entity by entity, as (record, action, actor, field,
    /// old, new): a lead's rows name the lead's id, other records only their entity (each store
    /// numbers them itself), and the ids a row may hold of a follow-up or a customer are masked.
    func trails(since marks: [(entity: String, count: Int)]) throws -> [[String?]] {
        try store.read { tx in
            try marks.flatMap { entity, count in
                try tx.history(of: entity).dropFirst(count).map { entry -> [String?] in
                    [entity == "lead" ? String(entry.entityID) : entity, entry.action, entry.actor, entry.field, entry.old,
                     ["follow_up", "customer_id"].contains(entry.field ?? "") ? "(id)" : entry.new]
                }
            }
        }
    }

    /// The unread notices of `logins` in every group, as (login, kind, actor, body), leaving out
    /// the SQLite set-up's own (the admin's assignments).
    func unreadNotices(of logins: [String]) throws -> [[String?]] {
        try store.read { tx in
            try logins.flatMap { login in
                try NotificationGroup.allCases.flatMap { group in
                    try tx.notifications.unread(for: login, in: group, limit: 20).filter { $0.actor != "admin" }
                        .map { item -> [String?] in [login, item.kind, item.actor, item.body] }
                }
            }
        }
    }
}
