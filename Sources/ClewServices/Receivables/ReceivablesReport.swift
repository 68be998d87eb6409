import ClewDomain
import Foundation

/// What is owed and what is coming, as of one day: aged overdue money (0–30, 31–60, 61–90, 90+
/// days) in total, per customer and per rep, what falls due this week, the cash expected per
/// week, and each signed contract's collection.
public struct ReceivablesReport: Hashable, Sendable {
    /// Overdue money of one customer, one rep or everyone, by age.
    public struct AgedLine: Hashable, Sendable {
        /// The customer's name or the rep's login ("" for everyone).
        public var name: String
        public var buckets: [AgeBucket: Money]

        public init(name: String, buckets: [AgeBucket: Money]) {
            self.name = name
            self.buckets = buckets
        }

        public var total: Money { buckets.values.reduce(.zero, +) }
    }

    public var asOf: CalendarDay
    public var aged: AgedLine
    /// The customers with the most overdue money (at most the report's limit, 50).
    public var byCustomer: [AgedLine]
    /// Every rep with overdue money.
    public var byRep: [AgedLine]
    /// Instalments owed that fall due in the week (Monday–Sunday) of ``asOf``, oldest first.
    public var dueThisWeek: [InstalmentItem]
    /// Open balances by the Monday of the week they fall due, from this week on (twelve weeks).
    public var expectedByWeek: [(week: CalendarDay, amount: Money)]
    /// Signed contracts, most outstanding first (at most the limit asked for).
    public var contracts: [ContractSummary]
    /// Owed and not yet due, and owed and overdue, over everything the reader may see.
    public var open: Money
    public var overdue: Money

    public static func == (lhs: ReceivablesReport, rhs: ReceivablesReport) -> Bool {
        lhs.asOf == rhs.asOf && lhs.aged == rhs.aged && lhs.byCustomer == rhs.byCustomer && lhs.byRep == rhs.byRep
            && lhs.dueThisWeek == rhs.dueThisWeek && lhs.contracts == rhs.contracts && lhs.open == rhs.open && lhs.overdue == rhs.overdue
            && lhs.expectedByWeek.map(\.week) == rhs.expectedByWeek.map(\.week) && lhs.expectedByWeek.map(\.amount) == rhs.expectedByWeek.map(\.amount)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(asOf)
        hasher.combine(aged)
        hasher.combine(contracts)
    }

    /// A value with each of its fields given.
    public init(asOf: CalendarDay, aged: AgedLine, byCustomer: [AgedLine], byRep: [AgedLine], dueThisWeek: [InstalmentItem],
                expectedByWeek: [(week: CalendarDay, amount: Money)], contracts: [ContractSummary], open: Money, overdue: Money) {
        self.asOf = asOf
        self.aged = aged
        self.byCustomer = byCustomer
        self.byRep = byRep
        self.dueThisWeek = dueThisWeek
        self.expectedByWeek = expectedByWeek
        self.contracts = contracts
        self.open = open
        self.overdue = overdue
    }
}
