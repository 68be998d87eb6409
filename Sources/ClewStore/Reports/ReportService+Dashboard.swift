import ClewDomain
import ClewServices
import Foundation

// MARK: - The dashboard

extension ReportService {
    /// The report summaries' version (``ReportSummaries/fingerprint()``): changes whenever a
    /// figure of any report may have.
    public func summariesVersion() throws -> Int64 { try ReportSummaries(context: context).fingerprint() }

    /// Every figure the dashboard shows for `request`'s period and scope: funnel, time per stage,
    /// reps, sources, campaigns and the trend (split by `request.granularity`).
    ///
    /// - Throws: ``ReportError/scopeNotAllowed(_:report:role:)`` when the reader may not see
    ///   `request.scope`.
    public func dashboard(_ request: ReportRequest) throws -> DashboardFigures {
        // Every panel's report has the same scope rules (none lists records), so one filter serves all.
        let (scope, filter) = try prepare(.funnel, request)
        return try context.database.read { db in
            // One read: the panels agree with each other; funnel, sources and campaigns are one scan.
            // From the registration days' counts when they hold the cohort: three small reads.
            let cohort = try cohortSummary(request, filter: filter, db) == nil ? try cohort(request, filter: filter, db)
                : Cohort(funnel: try cohortFunnel(request, filter: filter, db), sources: try cohortCounts(by: .source, request, filter: filter, db),
                         campaigns: try cohortCounts(by: .campaign, request, filter: filter, db))
            let basis = try roiBasis(db)
            return DashboardFigures(
                period: request.period, scope: scope, funnel: cohort.funnel,
                stages: StageTimeReport(pipeline: context.pipeline, aggregates: try stageAggregates(request, filter: filter, db), funnel: cohort.funnel),
                reps: try repReport(request, scope: scope, filter: filter, db),
                sources: SourceReport(counts: try withReceived(cohort.sources, by: .source, request, filter: filter, db), roiBasis: basis),
                campaigns: SourceReport(counts: try withReceived(cohort.campaigns, by: .campaign, request, filter: filter, db),
                                        costs: try campaignCosts(db), roiBasis: basis),
                trend: try trendReport(request, filter: filter, db),
                workingDay: TimeInterval(context.calendar.workdayEnd - context.calendar.workdayStart) * 60)
        }
    }
}
