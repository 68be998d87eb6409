import ClewDomain
import ClewStore

/// What the dashboard needs from the reports: the figures of a period and scope, and the leads
/// behind one of them. ``ReportService`` is the live one; tests pass a fixed set of figures.
public protocol DashboardReportSource {
    /// Every figure of `request`'s period and scope.
    func dashboard(_ request: ReportRequest) throws -> DashboardFigures
    /// The leads behind `slice` (its count over the scope, and a page of those the reader may open).
    func leads(in slice: ReportSlice, _ request: ReportRequest, offset: Int, limit: Int) throws -> ReportSliceLeads
}

extension ReportService: DashboardReportSource {}
