import Foundation

/// Everything the dashboard draws for one period and scope (看板, seed 000): the funnel, time per
/// stage with its bottleneck, the reps, sources and campaigns, and the trend beside the
/// previous period.
public struct DashboardFigures: Hashable, Sendable {
    public var period: ReportPeriod
    public var scope: ReportScope
    public var funnel: FunnelReport
    public var stages: StageTimeReport
    public var reps: RepReport
    public var sources: SourceReport
    public var campaigns: SourceReport
    public var trend: TrendReport
    /// The length of a working day in seconds (stage times are working time, shown in working
    /// days); a whole day when not given.
    public var workingDay: TimeInterval

    public init(period: ReportPeriod, scope: ReportScope, funnel: FunnelReport, stages: StageTimeReport, reps: RepReport,
                sources: SourceReport, campaigns: SourceReport, trend: TrendReport, workingDay: TimeInterval = 86_400) {
        self.workingDay = workingDay
        self.period = period
        self.scope = scope
        self.funnel = funnel
        self.stages = stages
        self.reps = reps
        self.sources = sources
        self.campaigns = campaigns
        self.trend = trend
    }
}
