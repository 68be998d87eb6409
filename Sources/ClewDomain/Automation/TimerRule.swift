import Foundation

/// The automation tick's timers (DESIGN §5), and the decision of which are due.
///
/// The decision is pure: given what the store knows about a lead or a task (``LeadTimerFacts``,
/// ``TaskTimerFacts``), the moments of ``TimerCutoffs`` and the process's rules, it says what
/// fires — no database, so a table of facts tests every rule. The store narrows the candidates
/// with indexed queries on the same cut-offs, and records each firing once per occurrence.
public enum TimerRule: Hashable, Sendable {
    /// An assignment not confirmed within `sla.confirm_within` reminds the owner…
    case confirmReminder
    /// …and after `sla.escalate_unconfirmed_after` escalates to the supervisor instead.
    case confirmEscalation
    /// An assigned lead with no follow-up within `sla.first_follow_up_within` escalates.
    case firstFollowUp
    /// A deal past its stage's planned exit is flagged stalled.
    case stalled
    /// A task reminds its assignee `sla.remind_before` its due time.
    case taskReminder
    /// A task whose due time came is marked overdue.
    case taskOverdue
    /// A lead from `pool` left without follow-up for the pool's `recycle_days` goes back.
    case poolRecycle(pool: String)

    /// The rule's name in the firing log and the rule report (`sla.confirm-reminder`).
    public var key: String {
        switch self {
        case .confirmReminder: "sla.confirm-reminder"
        case .confirmEscalation: "sla.confirm-escalation"
        case .firstFollowUp: "sla.first-follow-up"
        case .stalled: "sla.stalled"
        case .taskReminder: "task.reminder"
        case .taskOverdue: "task.overdue"
        case let .poolRecycle(pool): "pool.recycle:\(pool)"
        }
    }

    /// The lead timers due for `lead` at ``TimerCutoffs/now``, in the order the tick acts on
    /// them. An escalation supersedes the reminder it follows: after downtime the latest stage
    /// fires, not both.
    public static func due(for lead: LeadTimerFacts, at cutoffs: TimerCutoffs, sla: SLAPolicy, pools: [PoolDefinition]) -> [TimerRule] {
        let open = lead.status == .assigned || lead.status == .active
        guard open else { return [] }
        var due: [TimerRule] = []
        if lead.status == .assigned, let assigned = lead.assignedAt {
            if assigned <= cutoffs.confirmEscalation {
                due.append(.confirmEscalation)
            } else if assigned <= cutoffs.confirmReminder {
                due.append(.confirmReminder)
            }
        }
        if let assigned = lead.assignedAt, assigned <= cutoffs.firstFollowUp,
           lead.lastFollowUpAt.map({ $0 < assigned }) ?? true {
            due.append(.firstFollowUp)
        }
        if sla.flagStalled, lead.status == .active, let visit = lead.openVisit, visit.stage == lead.stage,
           let planned = visit.plannedExitAt, planned <= cutoffs.now {
            due.append(.stalled)
        }
        if let home = lead.homePool, let pool = pools.first(where: { $0.name == home }) {
            let lastTouch = max(lead.lastFollowUpAt ?? .distantPast, lead.assignedAt ?? .distantPast)
            if lastTouch <= cutoffs.recycle(pool) { due.append(.poolRecycle(pool: pool.name)) }
        }
        return due
    }

    /// What the tick does to `task` at ``TimerCutoffs/now``, if anything.
    public static func decision(for task: TaskTimerFacts, at cutoffs: TimerCutoffs, sla: SLAPolicy,
                                calendar: WorkingCalendar) -> TaskTimerDecision? {
        guard task.status == .open, let scheduled = task.dueAt else { return nil }
        let due = task.snoozedUntil ?? scheduled
        if due > cutoffs.now {
            guard scheduled <= cutoffs.reminderHorizon, due <= cutoffs.reminderHorizon else { return nil }
            // A task given inside its reminder window (a call due in 24 hours, reminders a
            // working day ahead) is not "reminded" the moment it arrives; its due notice comes.
            let windowOpened = sla.remindBefore.date(before: due, on: calendar)
            return task.snoozedUntil == nil && task.createdAt >= windowOpened ? .skipReminder : .remind(due: due)
        }
        guard scheduled <= cutoffs.now, task.overdueAt == nil else { return nil }
        return .markOverdue(due: due, justNow: cutoffs.now.timeIntervalSince(due) < TaskTimerDecision.justNowWindow)
    }
}

/// What the tick does to one task.
public enum TaskTimerDecision: Hashable, Sendable {
    /// Remind the assignee that the task is due at `due`.
    case remind(due: Date)
    /// The reminder's moment passed before the task existed: record it as skipped.
    case skipReminder
    /// Mark the task overdue and tell the assignee; `justNow` when it fell due within the hour.
    case markOverdue(due: Date, justNow: Bool)

    /// A task that fell due less than this long ago "is due now" rather than "overdue since".
    public static let justNowWindow: TimeInterval = 3_600
}
