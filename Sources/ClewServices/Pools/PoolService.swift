import ClewDomain
import Foundation

/// The lead pools (公海) a reader works from: the pools with their counts and the reader's
/// claims today, and the leads in one pool a page at a time — over the store's ports. Claiming
/// and returning are ``LeadUseCases``'.
public struct PoolService: PoolUseCases {
    let store: any ServiceStore
    /// The user the service acts for.
    public let actor: ActingUser

    public init(store: any ServiceStore, actor: ActingUser) {
        self.store = store
        self.actor = actor
    }

    /// The most leads one page holds.
    public static let pageLimit = 500

    /// The leads the reader may see.
    private var readable: LeadCriteria { LeadCriteria(audiences: [.readableBy(actor)]) }

    /// The reader's pools — those holding leads they may see, and the process pools they belong
    /// to — the fullest first, then by name; each with its daily claim limit and the reader's
    /// claims from it since the start of today (in the calendar's time zone).
    public func pools() throws -> [PoolSummary] {
        try store.read { tx in
            var counts = try tx.leads.pooledCounts(readable)
            let definitions = tx.rules.process.pools
            // A rep's process pools show even when empty (the pools named after a region or an
            // industry of theirs only when leads wait in them).
            let processPools = Set(definitions.map(\.name))
            if actor.role == .rep { for pool in actor.pools where counts[pool] == nil && processPools.contains(pool) { counts[pool] = 0 } }
            let names = counts.keys.sorted { (counts[$0] ?? 0, $1) > (counts[$1] ?? 0, $0) }
            let startOfToday = tx.now.startOfDay(in: tx.rules.calendar.timeZone)
            return try names.map { name in
                PoolSummary(name: name, leads: counts[name] ?? 0,
                            dailyClaimLimit: definitions.first { $0.name == name }?.dailyClaimLimit,
                            claimedToday: try tx.firings.claims(from: name, by: actor.login, since: startOfToday))
            }
        }
    }

    /// Leads `offset ..< offset+limit` waiting in `pool` that the reader may see, newest first.
    public func leads(in pool: String, offset: Int = 0, limit: Int = 50) throws -> [Lead] {
        try store.read { tx in
            try tx.leads.pooled(in: pool, readable, offset: max(0, offset), limit: max(1, min(limit, Self.pageLimit)))
        }
    }

    /// The reader's own leads that came from a pool (claimed, or routed to them from one) and are
    /// still open — what they may return to it with a reason — the most recent first.
    public func claimedLeads(offset: Int = 0, limit: Int = 50) throws -> [Lead] {
        try store.read { tx in
            try tx.leads.fromPools(owner: actor.login, offset: max(0, offset), limit: max(1, min(limit, Self.pageLimit)))
        }
    }

    /// How many of the reader's open leads came from a pool (``claimedLeads(offset:limit:)``).
    public func claimedCount() throws -> Int {
        try store.read { tx in try tx.leads.fromPoolsCount(owner: actor.login) }
    }
}
