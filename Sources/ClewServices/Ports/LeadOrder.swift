import ClewDomain
import Foundation

/// The orders a page of leads is read in (ties go by id, so a page boundary is stable).
public enum LeadOrder: Hashable, Sendable {
    /// Longest in their status first (the screening queue, a board's intake columns).
    case longestInStatus
    /// Most recently in their status first, ties by id ascending (a board's won column).
    case latestInStatus
    /// Longest in their stage first (a board's stage columns); a lead with no stage time comes first
    /// (`NULLS FIRST`: SQLite's default for ascending order, not PostgreSQL's).
    case longestInStage
}

/// How many leads a criteria selects and what their amounts add up to (a board column's header).
public struct LeadTotals: Hashable, Sendable {
    public var count: Int
    /// The sum of their amounts, saturating rather than overflowing (``ClewDomain/Money/init(totalFen:)``).
    public var amount: Money

    /// A value with each of its fields given.
    public init(count: Int, amount: Money) {
        self.count = count
        self.amount = amount
    }
}
