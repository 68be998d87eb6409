import Foundation
import GRDB

/// Where a reader's view of the database stands: the last audit row and the last notification
/// it has seen. ``ChangeFeed/changes(since:for:)`` says what was committed after it.
public struct ChangeMark: Hashable, Sendable {
    public var audit: Int64
    public var notification: Int64

    public init(audit: Int64 = 0, notification: Int64 = 0) {
        self.audit = audit
        self.notification = notification
    }
}

/// What other commits touched since a ``ChangeMark``, read from the audit trail (every change
/// writes one row naming its record) and the reader's notifications. Commits that change no
/// business record — the tick's lease renewals, read marks by others, search-index upkeep —
/// leave it empty, so nothing reloads for them.
public struct ChangeSet: Hashable, Sendable {
    /// The kinds of records changed (`lead`, `task`, `approval`, `user`, `process`, …).
    public var entities: Set<String> = []
    /// The leads changed.
    public var leadIDs: Set<Int64> = []
    /// A notification arrived for the reader.
    public var notified = false
    /// More changed than the feed reads one by one: treat everything as changed.
    public var overflow = false

    public init(entities: Set<String> = [], leadIDs: Set<Int64> = [], notified: Bool = false, overflow: Bool = false) {
        self.entities = entities
        self.leadIDs = leadIDs
        self.notified = notified
        self.overflow = overflow
    }

    /// Nothing a view shows changed.
    public var isEmpty: Bool { entities.isEmpty && !notified && !overflow }

    /// Whether records of any of `kinds` changed (always, on overflow).
    public func touches(_ kinds: Set<String>) -> Bool { overflow || !entities.isDisjoint(with: kinds) }

    /// Whether one of `leads` changed (always, on overflow).
    public func touches(leads: Set<Int64>) -> Bool { overflow || !leadIDs.isDisjoint(with: leads) }
}

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
