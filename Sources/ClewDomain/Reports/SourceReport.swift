/// Per lead source or per campaign (市场活动统计, seed 003): leads, valid leads, opportunities,
/// wins, and — for campaigns — cost, cost per lead and return on the cost.
public struct SourceReport: Hashable, Sendable, Codable {
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

        public init(key: String, leads: Int, valid: Int, opportunities: Int, won: Int, wonAmount: Money) {
            self.key = key
            self.leads = leads
            self.valid = valid
            self.opportunities = opportunities
            self.won = won
            self.wonAmount = wonAmount
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
        /// `valid / leads`, `won / valid`.
        public var validShare: Double?
        public var winRate: Double?
        /// The campaign's actual cost (campaigns only).
        public var cost: Money?
        public var costPerLead: Money?
        public var costPerValidLead: Money?
        /// `(won amount − cost) / cost`: received payments take the won amount's place once
        /// receivables exist.
        public var roi: Double?
    }

    public var lines: [Line]

    /// Lines from `counts`, with `costs` (by campaign name) where known; most won first, the
    /// leads without a source or campaign last.
    public init(counts: [Counts], costs: [String: Money] = [:]) {
        lines = counts.map { count in
            let cost = costs[count.key]
            return Line(
                key: count.key, leads: count.leads, valid: count.valid, opportunities: count.opportunities, won: count.won,
                wonAmount: count.wonAmount,
                validShare: count.leads > 0 ? Double(count.valid) / Double(count.leads) : nil,
                winRate: count.valid > 0 ? Double(count.won) / Double(count.valid) : nil,
                cost: cost,
                costPerLead: cost.flatMap { count.leads > 0 ? Money(fen: $0.fen / Int64(count.leads)) : nil },
                costPerValidLead: cost.flatMap { count.valid > 0 ? Money(fen: $0.fen / Int64(count.valid)) : nil },
                roi: cost.flatMap { $0.fen > 0 ? (Double(count.wonAmount.fen) - Double($0.fen)) / Double($0.fen) : nil })
        }.sorted { a, b in
            // Named lines by won amount, then leads, then name; leads without one last.
            if a.key.isEmpty != b.key.isEmpty { return b.key.isEmpty }
            return (a.wonAmount, a.leads, b.key) > (b.wonAmount, b.leads, a.key)
        }
    }
}
