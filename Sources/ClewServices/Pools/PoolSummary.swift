import ClewDomain
import Foundation

/// One pool as its reader sees it: how many leads wait in it, and how many more they may claim today.
public struct PoolSummary: Hashable, Sendable {
    public var name: String
    /// Pooled leads the reader may see in it.
    public var leads: Int
    /// How many leads one rep may claim from it per day (nil: the process sets no limit).
    public var dailyClaimLimit: Int?
    /// How many the reader claimed from it today.
    public var claimedToday: Int

    /// How many more the reader may claim today (nil: no limit).
    public var claimsLeft: Int? { dailyClaimLimit.map { max(0, $0 - claimedToday) } }

    /// A value with each of its fields given.
    public init(name: String, leads: Int, dailyClaimLimit: Int? = nil, claimedToday: Int) {
        self.name = name
        self.leads = leads
        self.dailyClaimLimit = dailyClaimLimit
        self.claimedToday = claimedToday
    }
}
