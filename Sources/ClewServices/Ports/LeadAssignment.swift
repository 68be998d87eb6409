import Foundation

/// Where a lead's current hand-over stands: when it was given to its owner and the pool it
/// goes back to (``LeadRepository/assignment(ofLead:)``).
public struct LeadAssignment: Hashable, Sendable {
    /// When the lead was assigned, routed or claimed last; nil when it never was.
    public var assignedAt: Date?
    /// The pool it was claimed from or routed through, which it returns to; nil when none.
    public var homePool: String?

    /// A value with each of its fields given.
    public init(assignedAt: Date? = nil, homePool: String? = nil) {
        self.assignedAt = assignedAt
        self.homePool = homePool
    }
}
