/// New leads, wins and won amount per week or month (销售趋势), each beside the same bucket of
/// the previous period.
public struct TrendReport: Hashable, Sendable, Codable {
    /// One bucket's figures.
    public struct Figures: Hashable, Sendable, Codable {
        public var newLeads: Int
        public var won: Int
        public var wonAmount: Money

        public init(newLeads: Int = 0, won: Int = 0, wonAmount: Money = .zero) {
            self.newLeads = newLeads
            self.won = won
            self.wonAmount = wonAmount
        }
    }

    /// One bucket of the period and the matching bucket of the previous period.
    public struct Point: Hashable, Sendable, Codable {
        public var bucket: ReportBucket
        public var current: Figures
        public var previous: Figures
    }

    public var granularity: ReportGranularity
    public var points: [Point]
    /// Sums over the period and the previous period.
    public var total: Figures
    public var previousTotal: Figures

    /// Pairs the period's buckets with the previous period's, position by position.
    public init(granularity: ReportGranularity, buckets: [ReportBucket], current: [Figures], previous: [Figures]) {
        self.granularity = granularity
        points = buckets.enumerated().map { index, bucket in
            Point(bucket: bucket, current: index < current.count ? current[index] : Figures(),
                  previous: index < previous.count ? previous[index] : Figures())
        }
        func sum(_ figures: [Figures]) -> Figures {
            figures.reduce(into: Figures()) { total, f in
                total.newLeads += f.newLeads
                total.won += f.won
                total.wonAmount = total.wonAmount.adding(f.wonAmount)
            }
        }
        total = sum(points.map(\.current))
        previousTotal = sum(points.map(\.previous))
    }
}
