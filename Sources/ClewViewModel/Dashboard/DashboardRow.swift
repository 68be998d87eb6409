import ClewDomain

/// The dashboard's panels, top to bottom.
public enum DashboardPanel: String, Sendable, CaseIterable {
    case funnel, stages, reps, sources, trend
}

/// One trend line of the dashboard.
public enum DashboardTrendMetric: String, Sendable, CaseIterable {
    case newLeads = "new-leads", won, wonAmount = "won-amount"
}

/// One row of the dashboard: a panel's heading, a figure the cursor can stop on (and open with
/// `Enter`), or a line of explanation.
public enum DashboardRow: Hashable, Sendable {
    case header(DashboardPanel)
    case funnelStep(FunnelReport.Step)
    case stage(StageTimeReport.Line, isBottleneck: Bool)
    /// Why the bottleneck stage is one (under the stages).
    case bottleneck(StageTimeReport.Bottleneck)
    case rep(RepReport.Line)
    /// A source's or, with `campaign`, a campaign's line.
    case source(SourceReport.Line, campaign: Bool)
    case trend(DashboardTrendMetric)
    /// More lines than the panel shows: `clew report NAME` lists them all.
    case more(DashboardPanel, count: Int)
    /// Nothing in the period for this panel.
    case empty(DashboardPanel)

    /// Whether the cursor stops here: the rows with leads behind them.
    public var isSelectable: Bool { slice != nil }

    /// The leads behind the row's figure.
    public var slice: ReportSlice? {
        switch self {
        case let .funnelStep(step): .funnelStep(step.key)
        case let .stage(line, _): .lateInStage(line.key)
        case let .rep(line): .receivedBy(line.login)
        case let .source(line, campaign): campaign ? .campaign(line.key) : .source(line.key)
        case let .trend(metric): metric == .newLeads ? .registered : .won
        case .header, .bottleneck, .more, .empty: nil
        }
    }

    /// The panel the row belongs to.
    public var panel: DashboardPanel {
        switch self {
        case let .header(panel), let .more(panel, _), let .empty(panel): panel
        case .funnelStep: .funnel
        case .stage, .bottleneck: .stages
        case .rep: .reps
        case .source: .sources
        case .trend: .trend
        }
    }
}
