import ClewDomain
import ClewServices
import Foundation
import GRDB

/// The lead pools (公海) a reader works from: the pools with their counts and the reader's
/// claims today, and the leads in one pool a page at a time (claiming and returning are
/// ``LeadService/claim(_:)-swift.method`` and ``LeadService/returnToPool(_:reason:)``).
public struct PoolService: Sendable {
    let context: ClewContext
    public let actor: ActingUser

    public init(context: ClewContext, actor: ActingUser) {
        self.context = context
        self.actor = actor
    }

    /// The reader's pools — those holding leads they may see, and the process pools they belong
    /// to — the fullest first, then by name.
    public func pools() throws -> [PoolSummary] {
        let visibility = LeadLookup.visibility(for: actor)
        let now = context.clock.now()
        return try context.read { db in
            var counts: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT coalesce(lead.pool, 'general') AS name, count(*) AS n FROM lead
                WHERE lead.status = 'pooled' AND \(visibility.sql) GROUP BY 1
                """, arguments: visibility.arguments) {
                counts[row["name"]] = row["n"]
            }
            // A rep's process pools show even when empty (the pools named after a region or an
            // industry of theirs only when leads wait in them).
            let processPools = Set(context.process.pools.map(\.name))
            if actor.role == .rep { for pool in actor.pools where counts[pool] == nil && processPools.contains(pool) { counts[pool] = 0 } }
            let names = counts.keys.sorted { (counts[$0] ?? 0, $1) > (counts[$1] ?? 0, $0) }
            return try names.map { name in
                PoolSummary(name: name, leads: counts[name] ?? 0,
                            dailyClaimLimit: context.process.pools.first { $0.name == name }?.dailyClaimLimit,
                            claimedToday: try Self.claimed(from: name, by: actor.login, on: now, calendar: context.calendar, db))
            }
        }
    }

    /// Leads `offset ..< offset+limit` waiting in `pool` that the reader may see, newest first.
    public func leads(in pool: String, offset: Int = 0, limit: Int = 50) throws -> [Lead] {
        let visibility = LeadLookup.visibility(for: actor)
        return try context.read { db in
            try Lead.fetchAll(db, sql: """
                SELECT \(Lead.selection) FROM lead
                WHERE lead.status = 'pooled' AND coalesce(lead.pool, 'general') = ? AND \(visibility.sql)
                ORDER BY lead.status_changed_at DESC, lead.id DESC LIMIT ? OFFSET ?
                """, arguments: [pool] + visibility.arguments + [max(1, min(limit, 500)), max(0, offset)])
        }
    }

    /// The reader's own leads that came from a pool (claimed, or routed to them from one) and are
    /// still open — what they may return to it with a reason — the most recent first.
    public func claimedLeads(offset: Int = 0, limit: Int = 50) throws -> [Lead] {
        try context.read { db in
            try Lead.fetchAll(db, sql: """
                SELECT \(Lead.selection) FROM lead
                WHERE lead.owner = ? AND lead.status IN ('assigned','active') AND lead.home_pool IS NOT NULL
                ORDER BY lead.assigned_at DESC, lead.id DESC LIMIT ? OFFSET ?
                """, arguments: [actor.login, max(1, min(limit, 500)), max(0, offset)])
        }
    }

    /// How many of the reader's open leads came from a pool (``claimedLeads(offset:limit:)``).
    public func claimedCount() throws -> Int {
        try context.read { db in
            try Int.fetchOne(db, sql: """
                SELECT count(*) FROM lead WHERE lead.owner = ? AND lead.status IN ('assigned','active') AND lead.home_pool IS NOT NULL
                """, arguments: [actor.login]) ?? 0
        }
    }

    /// How many leads `login` claimed from `pool` on the day of `now` (the daily limit's count).
    static func claimed(from pool: String, by login: String, on now: Date, calendar: WorkingCalendar, _ db: Database) throws -> Int {
        let zone = calendar.timeZone
        let startOfDay = CalendarDay.containing(now, in: zone).date(in: zone)
        return try Int.fetchOne(db, sql: """
            SELECT count(*) FROM rule_firing WHERE fired_at >= ? AND rule = ? AND subject = ?
            """, arguments: [startOfDay.storage, "pool.claim:\(pool)", "user:\(login)"]) ?? 0
    }
}
