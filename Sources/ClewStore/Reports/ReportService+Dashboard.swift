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
        let stages = try stages(request)
        return DashboardFigures(
            period: request.period, scope: stages.scope, funnel: try funnel(request).body, stages: stages.body,
            reps: try reps(request).body, sources: try sources(request).body, campaigns: try campaigns(request).body,
            trend: try trend(request).body)
    }
}
