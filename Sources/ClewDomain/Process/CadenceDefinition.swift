/// The follow-up tasks generated for a grade on assignment or on a grade change (DESIGN §5).
public struct CadenceDefinition: Hashable, Codable, Sendable {
    public var grade: Grade
    /// In order; each is due its ``CadenceStep/within`` after the previous step (or after
    /// assignment for the first).
    public var steps: [CadenceStep]

    public init(grade: Grade, steps: [CadenceStep]) {
        self.grade = grade
        self.steps = steps
    }
}

/// One generated task, such as "call within 24 working hours".
public struct CadenceStep: Hashable, Codable, Sendable {
    /// A key unique within the cadence (`call`).
    public var key: String
    /// How the follow-up is done; logging one by this method completes the task.
    public var method: FollowUpMethod
    /// The task's title.
    public var title: String
    /// When it is due, counted from the previous step (or the assignment).
    public var within: ProcessDuration
    /// Repeats this often once done, if at all (a weekly sync).
    public var every: ProcessDuration?

    public init(key: String, method: FollowUpMethod, title: String, within: ProcessDuration, every: ProcessDuration? = nil) {
        self.key = key
        self.method = method
        self.title = title
        self.within = within
        self.every = every
    }
}

/// The service levels the tick enforces (DESIGN §5).
public struct SLAPolicy: Hashable, Codable, Sendable {
    /// An assignment not confirmed in this long reminds the owner.
    public var confirmWithin: ProcessDuration
    /// … and, this long after the assignment, escalates to the supervisor.
    public var escalateUnconfirmedAfter: ProcessDuration
    /// An assigned lead with no follow-up in this long escalates to the supervisor.
    public var firstFollowUpWithin: ProcessDuration
    /// Task reminders go out this long before the due time (and at it).
    public var remindBefore: ProcessDuration
    /// Whether a deal past its stage's expected duration is flagged stalled and escalated.
    public var flagStalled: Bool

    public init(confirmWithin: ProcessDuration, escalateUnconfirmedAfter: ProcessDuration, firstFollowUpWithin: ProcessDuration,
                remindBefore: ProcessDuration, flagStalled: Bool) {
        self.confirmWithin = confirmWithin
        self.escalateUnconfirmedAfter = escalateUnconfirmedAfter
        self.firstFollowUpWithin = firstFollowUpWithin
        self.remindBefore = remindBefore
        self.flagStalled = flagStalled
    }
}
