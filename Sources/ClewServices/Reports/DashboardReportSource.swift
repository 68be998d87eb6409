import ClewDomain
import Foundation

/// What the dashboard needs from the reports: the figures of a period and scope, and the leads
/// behind one of them. The store's `ReportService` is the live one; tests pass a fixed set of figures.
public protocol DashboardReportSource: Sendable {
    /// Every figure of `request`'s period and scope.
    func dashboard(_ request: ReportRequest) throws -> DashboardFigures
    /// The leads behind `slice` (its count over the scope, and a page of those the reader may open).
    func leads(in slice: ReportSlice, _ request: ReportRequest, offset: Int, limit: Int) throws -> ReportSliceLeads
    /// A number that changes whenever the figures may have; nil when the source cannot tell
    /// (the dashboard then reads the figures again after every change).
    func fingerprint() throws -> Int64?
}

extension DashboardReportSource {
    public func fingerprint() throws -> Int64? { nil }
}
