import Foundation

/// What the tick's lead timers look at, as the store reads it.
public struct LeadTimerFacts: Hashable, Sendable {
    public var status: LeadStatus
    /// The current stage while active.
    public var stage: String?
    /// When the current assignment was made.
    public var assignedAt: Date?
    public var lastFollowUpAt: Date?
    /// The pool the lead was claimed or routed from, which takes it back when left idle.
    public var homePool: String?
    /// The open stage visit: its stage and planned exit.
    public var openVisit: OpenStageVisit?

    public init(status: LeadStatus, stage: String? = nil, assignedAt: Date? = nil, lastFollowUpAt: Date? = nil,
                homePool: String? = nil, openVisit: OpenStageVisit? = nil) {
        self.status = status
        self.stage = stage
        self.assignedAt = assignedAt
        self.lastFollowUpAt = lastFollowUpAt
        self.homePool = homePool
        self.openVisit = openVisit
    }

    /// A stage visit not yet ended.
    public struct OpenStageVisit: Hashable, Sendable {
        public var stage: String
        public var plannedExitAt: Date?

        public init(stage: String, plannedExitAt: Date?) {
            self.stage = stage
            self.plannedExitAt = plannedExitAt
        }
    }
}

/// What the tick's task timers look at.
public struct TaskTimerFacts: Hashable, Sendable {
    public var status: TaskStatus
    public var dueAt: Date?
    public var snoozedUntil: Date?
    public var createdAt: Date
    /// When an earlier tick marked it overdue.
    public var overdueAt: Date?

    public init(status: TaskStatus, dueAt: Date?, snoozedUntil: Date? = nil, createdAt: Date, overdueAt: Date? = nil) {
        self.status = status
        self.dueAt = dueAt
        self.snoozedUntil = snoozedUntil
        self.createdAt = createdAt
        self.overdueAt = overdueAt
    }
}
