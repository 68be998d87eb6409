/// What a rule's firing did, as the firing log (`clew report rules`, `clew tick`) records it.
///
/// The automation decides and returns one of these; the store keeps its ``description`` (the
/// English line rule review reads), so every outcome of every rule has one spelling.
public enum FiringOutcome: Hashable, Sendable, CustomStringConvertible {
    // Routing (分配规则)
    /// The rule assigned the lead; `why` is how the rep was chosen (least loaded, in turn…).
    case assigned(to: String, why: String?)
    /// The rule was passed over (its rep away, at capacity, deactivated…).
    case skipped(String)
    /// A team rule found no one in the supervisor's team with room.
    case noRoomInTeam(supervisor: String)
    case sentToPool(String)

    // Timers
    /// Escalated to the supervisor (nil: there was none).
    case escalated(to: String?)
    case reminded(String)
    /// A task reminder not sent: the task was given inside its reminder window.
    case reminderSkippedInsideWindow
    /// Flagged stalled, its supervisor told (nil: no one to tell).
    case flaggedStalled(told: String?)
    case markedOverdue(told: String)
    case returnedToPool(from: String?, pool: String)

    // Cadences and triggers
    /// A cadence step's task (`due` as the reader's timestamp).
    case taskScheduled(id: Int64, for: String, due: String)
    /// A trigger's task, copied to `cc`.
    case taskGiven(id: Int64, to: String, cc: [String])
    /// Nobody fits `who` for the task titled `task`.
    case nobodyForTask(who: String, task: String)
    case notified([String])
    case nobodyToNotify(String)
    case emailQueued(id: Int64, to: String)
    case noCustomerEmail
    case noTemplate(String)
    case tagged(String)
    case alreadyTagged(String)
    /// A keyword tag, and the supervisor alerted when the tag asks for it.
    case keywordTagged(String, riskAlertTo: String?)
    case moved(to: String)
    /// The stage was left alone: the lead is not an active deal, or already there.
    case notMoved(status: String, stage: String?)
    case riskAlert(to: String)
    case noSupervisorToAlert
    case claimed(by: String)
    /// Seed 004's screening deadline: `count` leads still unscreened after `deadline`, `told` reminded.
    case unscreened(count: Int, after: String, told: String)
    /// A receivable reminder level's actions (marked overdue, a task for finance, an email…).
    case receivableLevel([String])
    /// Several actions of one rule, in order.
    case all([FiringOutcome])

    public var description: String {
        switch self {
        case let .assigned(login, why): "assigned to \(login)" + (why.map { " (\($0))" } ?? "")
        case let .skipped(reason): "skipped: \(reason)"
        case let .noRoomInTeam(supervisor): "left in screening: no one in team:\(supervisor) has room"
        case let .sentToPool(pool): "sent to pool \(pool)"
        case let .escalated(supervisor): "escalated to \(supervisor ?? "no supervisor")"
        case let .reminded(login): "reminded \(login)"
        case .reminderSkippedInsideWindow: "skipped: created inside the reminder window"
        case let .flaggedStalled(told): "flagged stalled; told \(told ?? "no one")"
        case let .markedOverdue(told): "marked overdue; told \(told)"
        case let .returnedToPool(owner, pool): "returned from \(owner ?? "?") to pool \(pool)"
        case let .taskScheduled(id, owner, due): "task #\(id) for \(owner), due \(due)"
        case let .taskGiven(id, assignee, cc): "task #\(id) for \(assignee)" + (cc.isEmpty ? "" : ", cc \(cc.joined(separator: ", "))")
        case let .nobodyForTask(who, title): "no \(who) to give '\(title)' to"
        case let .notified(logins): "notified \(logins.joined(separator: ", "))"
        case let .nobodyToNotify(who): "no \(who) to notify"
        case let .emailQueued(id, address): "email #\(id) to \(address) queued"
        case .noCustomerEmail: "no customer email; nothing sent"
        case let .noTemplate(name): "no template '\(name)'; nothing sent"
        case let .tagged(tag): "tagged \(tag)"
        case let .alreadyTagged(tag): "already tagged \(tag)"
        case let .keywordTagged(tag, supervisor): "tagged \(tag)" + (supervisor.map { "; risk alert to \($0)" } ?? "")
        case let .moved(stage): "moved to \(stage)"
        case let .notMoved(status, stage): "not moved (lead is \(status), in \(stage ?? "no stage"))"
        case let .riskAlert(supervisor): "risk alert to \(supervisor)"
        case .noSupervisorToAlert: "no supervisor to alert"
        case let .claimed(login): "claimed by \(login)"
        case let .unscreened(count, deadline, login): "\(count) unscreened after \(deadline): told \(login)"
        case let .receivableLevel(actions): actions.isEmpty ? "nothing to do" : actions.joined(separator: "; ")
        case let .all(outcomes): outcomes.map(\.description).joined(separator: "; ")
        }
    }
}

/// Which kind of rule fired: the firing log's `kind` column and `clew report rules`' grouping.
public enum FiringKind: String, Hashable, Sendable, CaseIterable {
    case assignment, trigger, cadence, keyword, timer, pool
}
