import ClewDomain
import Foundation

/// One card on the board.
public struct BoardCard: Hashable, Sendable {
    public var lead: Lead
    /// When the lead's earliest open task is due.
    public var nextTaskDue: Date?
    public var sla: SLAState
    /// When the lead entered this column (stage entry, or status change for intake and won).
    public var inColumnSince: Date

    /// A value with each of its fields given.
    public init(lead: Lead, nextTaskDue: Date? = nil, sla: SLAState, inColumnSince: Date) {
        self.lead = lead
        self.nextTaskDue = nextTaskDue
        self.sla = sla
        self.inColumnSince = inColumnSince
    }
}
