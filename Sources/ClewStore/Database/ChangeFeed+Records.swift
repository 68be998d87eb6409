import ClewServices
import Foundation
import GRDB

extension ChangeFeed {
    /// The most audit rows one ``changes(since:for:)`` reads before calling it an overflow.
    public static let changeRowLimit = 2_000

    /// Where the database stands now for `login` (take it before reloading what it shows).
    public func mark(for login: String) throws -> ChangeMark {
        try read { db in
            ChangeMark(audit: try Int64.fetchOne(db, sql: "SELECT max(id) FROM audit") ?? 0,
                       notification: try Int64.fetchOne(db, sql: "SELECT max(id) FROM notification WHERE recipient = ?", arguments: [login]) ?? 0)
        }
    }

    /// What was committed after `mark`, for `login`, and the mark to use next.
    public func changes(since mark: ChangeMark, for login: String) throws -> (ChangeSet, ChangeMark) {
        try read { db in
            var set = ChangeSet()
            var next = mark
            let rows = try Row.fetchAll(db, sql: "SELECT id, entity, entity_id FROM audit WHERE id > ? ORDER BY id LIMIT ?",
                                        arguments: [mark.audit, Self.changeRowLimit + 1])
            if rows.count > Self.changeRowLimit {
                set.overflow = true
                next.audit = try Int64.fetchOne(db, sql: "SELECT max(id) FROM audit") ?? mark.audit
            } else {
                for row in rows {
                    let entity: String = row["entity"]
                    set.entities.insert(entity)
                    if entity == "lead", let id = row["entity_id"] as Int64? { set.leadIDs.insert(id) }
                    next.audit = row["id"]
                }
            }
            if let latest = try Int64.fetchOne(db, sql: "SELECT max(id) FROM notification WHERE recipient = ?", arguments: [login]),
               latest > mark.notification {
                set.notified = true
                next.notification = latest
            }
            return (set, next)
        }
    }
}
