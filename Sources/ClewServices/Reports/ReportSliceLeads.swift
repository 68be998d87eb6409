import ClewDomain
import Foundation

/// The leads behind one figure of a report (``ReportSlice``): how many the figure counted, how
/// many of those the reader may open, and one page of the latter, newest first.
public struct ReportSliceLeads: Sendable {
    /// What the figure counted (over the report's scope, which may be wider than what the reader
    /// may read: a supervisor sees company totals).
    public var total: Int
    /// Of those, the leads the reader may open.
    public var readable: Int
    /// The requested page of the readable ones.
    public var leads: [Lead]

    public init(total: Int, readable: Int, leads: [Lead]) {
        self.total = total
        self.readable = readable
        self.leads = leads
    }
}
