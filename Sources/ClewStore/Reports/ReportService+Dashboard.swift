import ClewDomain
import Foundation

// MARK: - The dashboard

extension ReportService {
    /// Every figure the dashboard shows for `request`'s period and scope: funnel, time per stage,
    /// reps, sources, campaigns and the trend (split by `request.granularity`).
    ///
    /// - Throws: ``ReportError/scopeNotAllowed(_:report:role:)`` when the reader may not see
    ///   `request.scope`.
    public func dashboard(_ request: ReportRequest) throws -> DashboardFigures {
        // Every panel's report has the same scope rules (none lists records), so one filter serves all.
        let (scope, filter) = try prepare(.funnel, request)
        return try context.database.read { db in
            // One read: the panels agree with each other, and the funnel is counted once.
            let funnel = try countFunnel(request, filter: filter, db)
            return DashboardFigures(
                period: request.period, scope: scope, funnel: funnel,
                stages: StageTimeReport(pipeline: context.pipeline, aggregates: try stageAggregates(request, filter: filter, db), funnel: funnel),
                reps: try repReport(request, scope: scope, filter: filter, db),
                sources: SourceReport(counts: try groupCounts(by: "lead.source", request, filter: filter, db)),
                campaigns: try campaignReport(request, filter: filter, db),
                trend: try trendReport(request, filter: filter, db))
        }
    }
}
