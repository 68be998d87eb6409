/// Per lead source or per campaign (市场活动统计, seed 003): leads, valid leads, opportunities,
/// wins, the money received on them (回款), and — for campaigns — cost, cost per lead and return
/// on the cost.
public struct SourceReport: Hashable, Sendable, Codable {
    /// What a campaign's return is measured on.
    public enum ROIBasis: String, Hashable, Sendable, Codable {
        /// The amounts won (before Clew records payments, or for a team that does not).
        case wonAmount = "won"
        /// The payments received on the won deals (回款), net of reversals: once any payment is
        /// recorded, money in the bank rather than money promised.
        case received
    }

    /// What the store counts for one source or campaign.
    public struct Counts: Hashable, Sendable {
        /// The source or campaign name; empty for leads without one.
        public var key: String
        public var leads: Int
        public var valid: Int
        /// Leads that entered the pipeline (a stage) or were won.
        public var opportunities: Int
        public var won: Int
        public var wonAmount: Money
        /// The payments received on these leads' contracts so far, net of reversals.
        public var received: Money

        public init(key: String, leads: Int, valid: Int, opportunities: Int, won: Int, wonAmount: Money, received: Money = .zero) {
            self.key = key
            self.leads = leads
            self.valid = valid
            self.opportunities = opportunities
            self.won = won
            self.wonAmount = wonAmount
            self.received = received
        }
    }

    /// One line.
    public struct Line: Hashable, Sendable, Codable {
        public var key: String
        public var leads: Int
        public var valid: Int
        public var opportunities: Int
        public var won: Int
        public var wonAmount: Money
        /// Received on the won deals (回款), net of reversals.
        public var received: Money
        /// `valid / leads`, `won / valid`.
        public var validShare: Double?
        public var winRate: Double?
        /// The campaign's actual cost (campaigns only).
        public var cost: Money?
        public var costPerLead: Money?
        public var costPerValidLead: Money?
        /// `(return − cost) / cost`, the return being the report's ``SourceReport/roiBasis``:
        /// the payments received once receivables exist, else the won amount.
        public var roi: Double?
        /// `(won amount − cost) / cost` whatever the basis: the return booked, beside the cash.
        public var wonROI: Double?
    }

    public var lines: [Line]
    /// What ``Line/roi`` is measured on.
    public var roiBasis: ROIBasis

    /// Lines from `counts`, with `costs` (by campaign name) where known; most won first, the
    /// leads without a source or campaign last. ROI is on `roiBasis`.
    public init(counts: [Counts], costs: [String: Money] = [:], roiBasis: ROIBasis = .wonAmount) {
        self.roiBasis = roiBasis
        func roi(_ gain: Money, _ cost: Money?) -> Double? {
            cost.flatMap { $0.fen > 0 ? (Double(gain.fen) - Double($0.fen)) / Double($0.fen) : nil }
        }
        lines = counts.map { count in
            let cost = costs[count.key]
            return Line(
                key: count.key, leads: count.leads, valid: count.valid, opportunities: count.opportunities, won: count.won,
                wonAmount: count.wonAmount, received: count.received,
                validShare: count.leads > 0 ? Double(count.valid) / Double(count.leads) : nil,
                winRate: count.valid > 0 ? Double(count.won) / Double(count.valid) : nil,
                cost: cost,
                costPerLead: cost.flatMap { count.leads > 0 ? Money(fen: $0.fen / Int64(count.leads)) : nil },
                costPerValidLead: cost.flatMap { count.valid > 0 ? Money(fen: $0.fen / Int64(count.valid)) : nil },
                roi: roi(roiBasis == .received ? count.received : count.wonAmount, cost), wonROI: roi(count.wonAmount, cost))
        }.sorted { a, b in
            // Named lines by won amount, then leads, then name; leads without one last.
            if a.key.isEmpty != b.key.isEmpty { return b.key.isEmpty }
            return (a.wonAmount, a.leads, b.key) > (b.wonAmount, b.leads, a.key)
        }
    }
}
