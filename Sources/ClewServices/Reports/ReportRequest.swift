import ClewDomain
import Foundation

/// What a report is asked for: the period, the scope, the filters, and how to split a trend.
public struct ReportRequest: Hashable, Sendable {
    public var period: ReportPeriod
    /// nil: the reader's default (``ReportScope/defaultScope(report:role:)``).
    public var scope: ReportScope?
    /// Only its source, campaign, region, industry and owner filters apply.
    public var filters: LeadQuery
    public var granularity: ReportGranularity
    /// Lines of a top list (customers), 1…1000.
    public var limit: Int

    public init(period: ReportPeriod, scope: ReportScope? = nil, filters: LeadQuery = LeadQuery(),
                granularity: ReportGranularity = .week, limit: Int = 20) {
        self.period = period
        self.scope = scope
        self.filters = filters
        self.granularity = granularity
        self.limit = min(max(limit, 1), 1_000)
    }

    /// The filters in force, as `name=value` pairs for a title row.
    public var filterSummary: [String] {
        [("source", filters.source), ("campaign", filters.campaign), ("region", filters.region),
         ("industry", filters.industry), ("owner", filters.owner)].compactMap { name, value in value.map { "\(name)=\($0)" } }
    }
}
