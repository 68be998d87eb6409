/// A shared lead pool (公海) by region or industry: supervisors assign from it in bulk, members
/// claim from it, and leads left without follow-up return to it.
public struct PoolDefinition: Hashable, Codable, Sendable {
    /// What the pool gathers.
    public enum Scope: String, Hashable, Codable, Sendable, CaseIterable {
        case region, industry
    }

    /// The unique name, as assignment targets name it (`pool:华东`).
    public var name: String
    public var scope: Scope
    /// The regions or industries it gathers.
    public var values: [String]
    /// Logins of the reps who may claim from it.
    public var members: [String]
    /// Who gets a lead routed here when no one claims it, if anyone.
    public var defaultAssignee: String?
    /// A lead with no follow-up for this many days returns to the pool.
    public var recycleDays: Int
    /// How many leads one rep may claim from it per day.
    public var dailyClaimLimit: Int
    /// The pool a lead moves on to when no member has room, if any.
    public var overflow: String?

    public init(name: String, scope: Scope, values: [String], members: [String] = [], defaultAssignee: String? = nil,
                recycleDays: Int = 14, dailyClaimLimit: Int = 10, overflow: String? = nil) {
        self.name = name
        self.scope = scope
        self.values = values
        self.members = members
        self.defaultAssignee = defaultAssignee
        self.recycleDays = recycleDays
        self.dailyClaimLimit = dailyClaimLimit
        self.overflow = overflow
    }

    /// Whether `user` belongs to the pool: listed as a member, or covering one of its regions
    /// (or industries).
    public func includes(_ user: UserProfile) -> Bool {
        if members.contains(user.login) { return true }
        switch scope {
        case .region: return !Set(values).isDisjoint(with: user.regions)
        case .industry: return !Set(values).isDisjoint(with: user.industries)
        }
    }

    /// Whether a lead in `region` and `industry` belongs here.
    public func gathers(region: String?, industry: String?) -> Bool {
        switch scope {
        case .region: region.map(values.contains) ?? false
        case .industry: industry.map(values.contains) ?? false
        }
    }
}

extension PoolDefinition {
    /// The pool a lead sits in when nothing names one (a lead returned with no region or
    /// industry, or pooled before pools had names).
    public static let general = "general"

    /// The rule a claim from `pool` is logged under (`pool.claim:华东`): the daily claim limit
    /// counts these firings.
    public static func claimRule(_ pool: String) -> String { "pool.claim:\(pool)" }

    /// Whom a claim by `login` is logged for (`user:wang.fang`).
    public static func claimSubject(_ login: String) -> String { "user:\(login)" }

    /// The pool a lead in `region` and `industry` goes back to when its owner returns it (退回)
    /// or the recycling timer takes it: the pool it came from (`home`), else the first of
    /// `pools` gathering its region or industry, else a pool named for its region, then its
    /// industry, else ``general``.
    public static func returnPool(home: String?, region: String?, industry: String?, among pools: [PoolDefinition]) -> String {
        if let home { return home }
        if let pool = pools.first(where: { $0.gathers(region: region, industry: industry) }) { return pool.name }
        return region ?? industry ?? general
    }
}
