/// The reports of `clew report` and the dashboard (seeds 000–003).
public enum ReportKind: String, Sendable, Codable, CaseIterable {
    /// Per stage: leads that reached it, moved on, were lost there; conversion step by step and cumulative.
    case funnel
    /// Time in each stage against its plan, share stalled, and the bottleneck.
    case stages
    /// Per rep: received, SLAs kept, conversion, wins, cycle, workload, target attainment.
    case reps
    /// Per lead source: leads, valid leads, opportunities, wins.
    case sources
    /// Per campaign: the same, with cost, cost per lead and ROI.
    case campaigns
    /// Top customers by won amount.
    case customers
    /// New leads, wins and won amount per week or month, beside the previous period.
    case trend

    /// Whether the report lists records by name (customers), not only counts and amounts: such a
    /// report never widens past what the reader may read.
    public var showsRecords: Bool { self == .customers }
}
