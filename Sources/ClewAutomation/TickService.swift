import ClewDomain
import ClewServices
import ClewStore
import Foundation

/// The automation tick (`clew tick`, and once a minute in every open TUI): evaluates the
/// process's timers against a clock and fires what is due —
///
/// - an assignment not confirmed within `sla.confirm_within` reminds the owner, and after
///   `sla.escalate_unconfirmed_after` escalates to the supervisor;
/// - an assigned lead with no follow-up within `sla.first_follow_up_within` escalates;
/// - a deal past its stage's expected duration is flagged `stalled`, its supervisor told once;
/// - a task reminds its assignee `sla.remind_before` its due time, and at the due time is
///   marked overdue;
/// - a lead from a pool left without follow-up for the pool's `recycle_days` returns to it.
///
/// Each timer fires once per occurrence (an assignment, a stage entry, a due time): the
/// `rule_firing` key makes a second run, or a second process, fire nothing again, and a tick
/// after downtime fires each due timer once — the latest stage of it (an escalation rather than
/// the reminder it superseded). A `lease` row lets only one tick evaluate at a time.
public struct TickService: Sendable {
    let context: ClewContext
    /// Who runs the tick (recorded as `via` on the automation's audit rows).
    public let actor: ActingUser

    /// How long a tick may hold the lease before another process may take over.
    static let leaseDuration: TimeInterval = 120
    /// A tick that fired this many times (a catch-up) checkpoints the WAL afterwards.
    static let checkpointAfter = 1_000
    /// How many due timers one transaction handles: a catch-up after downtime commits in
    /// chunks of this many, each well under a second, so other writers never wait long.
    public static let chunk = 500

    public init(context: ClewContext, actor: ActingUser) {
        self.context = context
        self.actor = actor
    }

    /// How many leads the timers watch: every assigned or active lead.
    public func watchedLeadCount() throws -> Int {
        try TimerCandidates.watchedLeadCount(context)
    }

    /// Runs the tick as of `asOf` (default: now).
    ///
    /// A process definition applied since the context was made (a newer version in the
    /// database) is used, so a long-open TUI follows `clew process apply`.
    ///
    /// - Parameters:
    ///   - asOf: evaluate as of this time instead of now (admins).
    ///   - dryRun: evaluate everything and report it, on a copy of the database that is then
    ///     discarded, so no lock is held however long it takes (admins).
    ///   - holder: who takes the lease (default: this process).
    ///   - delivery: the commands that send the outbox's email and SMS after the timers ran
    ///     (nil: leave the outbox alone). Only an admin's tick delivers.
    ///   - skipIfRanWithin: do nothing when any tick finished this many seconds ago or less
    ///     (the TUIs' background ticks; cron's runs always evaluate).
    ///   - chunk: how many due timers one transaction handles (default ``chunk``).
    /// - Returns: the firings; for a runner who is not an admin, only which rules fired and how
    ///   often (lead numbers and outcomes are theirs to see only through their own inbox).
    /// - Throws: ``PermissionError`` when a non-admin asks for `asOf` or a dry run.
    public func run(asOf: Date? = nil, dryRun: Bool = false, holder: String? = nil, delivery: OutboxDelivery? = nil,
                    skipIfRanWithin: TimeInterval? = nil, chunk: Int = TickService.chunk) throws -> TickReport {
        if asOf != nil || dryRun { try AccessPolicy.check(.administer, actor) }
        let process: ProcessIdentity? = holder == nil ? .current : nil
        let holder = holder ?? Lease.processHolder
        let started = Date()
        let leaseNow = context.clock.now()
        var context = self.context
        let stored = try context.appliedProcess()
        if stored.version > context.process.version { context.process = stored }
        let now = asOf ?? leaseNow
        if let interval = skipIfRanWithin, !dryRun,
           let last = try Lease.holder(of: Self.lastRunLease, in: context),
           last.expiresAt > leaseNow.addingTimeInterval(-interval) {
            return TickReport(asOf: now, dryRun: false, firings: [], heldBy: nil, seconds: 0, skipped: true)
        }
        if !dryRun, let held = try Lease.acquire("tick", holder: holder, process: process, admin: actor.role == .admin,
                                                 for: Self.leaseDuration, now: leaseNow, in: context) {
            return TickReport(asOf: now, dryRun: dryRun, firings: [], heldBy: "\(held.holder) until \(StoreError.timestamp(held.expiresAt))",
                              seconds: Date().timeIntervalSince(started))
        }
        defer {
            if !dryRun {
                try? Lease.release("tick", holder: holder, recording: Self.lastRunLease, at: context.clock.now(), in: context)
            }
        }
        let automation = ActingUser.automation(via: actor.impersonator ?? actor.login)
        var firings: [TickReport.Firing] = []
        if dryRun {
            // On a copy of the database: a dry run catching up on days holds no lock (issue 12).
            firings = try context.rehearse(as: automation, at: now) { m in
                var run = TickRun(context: context, m: m)
                try run.evaluate()
                return run.firings
            }
        } else {
            // Chunks of due timers, each its own short transaction; a chunk that did not use up
            // its budget was the last. Between chunks the lease is checked: an admin's tick may
            // have taken it over, and then this one stops. A chunk takes the write lock only when
            // it fires something: finding that nothing is due (about a second of reading at a
            // million leads) holds up no other writer.
            for _ in 0..<Self.maximumChunks {
                let batch: TickRun? = try context.automationWriteWhenNeeded(as: automation, at: now) { m in
                    guard try Lease.holder(of: "tick", m)?.holder == holder else { return nil }
                    var run = TickRun(context: context, m: m, budget: max(chunk, 1))
                    try run.evaluate()
                    if !run.firings.isEmpty || run.exhausted {
                        try Lease.extend("tick", holder: holder, until: context.clock.now().addingTimeInterval(Self.leaseDuration), m)
                    }
                    return run
                }
                guard let batch else { break }
                firings += batch.firings
                if !batch.exhausted { break }
            }
        }
        if firings.count >= Self.checkpointAfter { _ = context.database.checkpoint() }
        if actor.role != .admin {
            firings = firings.map { TickReport.Firing(rule: $0.rule, lead: nil, outcome: "") }
        }
        var report = TickReport(asOf: now, dryRun: dryRun, firings: firings, heldBy: nil, seconds: Date().timeIntervalSince(started))
        if !dryRun, actor.role == .admin, let delivery, OutboxChannel.allCases.contains(where: delivery.isConfigured) {
            report.delivery = try OutboxService(context: context, actor: actor).deliver(using: delivery)
        }
        return report
    }

    /// The lease row whose expiry records when the last tick finished.
    static let lastRunLease = "tick.last-run"
    /// A bound on the chunks of one tick (a million due timers).
    static let maximumChunks = 2_000
}

/// One evaluation of every timer, inside one transaction.
struct TickRun {
    let context: ClewContext
    let m: Mutation
    var firings: [TickReport.Firing] = []
    /// The most due timers this run looks at (nil: all of them).
    let budget: Int?
    /// Due timers looked at so far.
    private var considered = 0
    /// True when the budget ran out: more may be due.
    var exhausted: Bool { budget.map { considered >= $0 } ?? false }

    private var now: Date { m.now }
    private var sla: SLAPolicy { context.process.sla }
    private var calendar: WorkingCalendar { context.calendar }
    /// The moments every timer compares with, as ``TimerRule`` decides them.
    private let cutoffs: TimerCutoffs

    init(context: ClewContext, m: Mutation, budget: Int? = nil) {
        self.context = context
        self.m = m
        self.budget = budget
        cutoffs = TimerCutoffs(sla: context.process.sla, now: m.now, calendar: context.calendar)
    }

    mutating func evaluate() throws {
        let steps: [(inout TickRun) throws -> Void] = [
            { try $0.unconfirmedAssignments() }, { try $0.firstFollowUps() },
            { if $0.sla.flagStalled { try $0.stalledDeals() } },
            { try $0.taskReminders() }, { try $0.overdueTasks() }, { try $0.poolRecycling() }, { try $0.receivableLevels() },
            { try $0.screeningDeadline() },
        ]
        for step in steps where !exhausted { try step(&self) }
    }

    /// What is left of the budget (nil without one).
    private var limit: Int? { budget.map { max($0 - considered, 0) } }

    // MARK: - Assignments

    /// Unconfirmed assignments: the reminder, or — once that is late too — the escalation.
    private mutating func unconfirmedAssignments() throws {
        let escalateCut = cutoffs.confirmEscalation
        for (lead, occurrence) in try due(.confirmEscalation, TimerCandidates.unconfirmedEscalations(before: escalateCut, limit: limit, m)) {
            let supervisor = try Recipients.supervisor(of: lead, m)
            if let supervisor {
                try m.notify(supervisor, kind: "escalation", text: "unconfirmed", leadID: lead.id,
                             body: "\(label(lead)) assigned to \(lead.owner ?? "?") is not confirmed after \(sla.escalateUnconfirmedAfter)",
                             parameters: [label(lead), lead.owner ?? "?", "\(sla.escalateUnconfirmedAfter)"])
            }
            try m.notify(lead.owner, kind: "reminder", text: "escalated", leadID: lead.id,
                         body: "\(label(lead)) is still waiting for you to confirm or object; escalated to \(supervisor ?? "no one")",
                         parameters: [label(lead), supervisor ?? ""])
            try fire(TimerRule.confirmEscalation.key, lead, occurrence, outcome: .escalated(to: supervisor))
        }
        let reminders = try TimerCandidates.unconfirmedReminders(before: cutoffs.confirmReminder, after: escalateCut, limit: limit, m)
        for (lead, occurrence) in due(.confirmReminder, reminders) {
            try m.notify(lead.owner, kind: "reminder", text: "confirm", leadID: lead.id,
                         body: "\(label(lead)) was assigned to you \(sla.confirmWithin) ago: confirm or object",
                         parameters: [label(lead), "\(sla.confirmWithin)"])
            try fire(TimerRule.confirmReminder.key, lead, occurrence, outcome: .reminded(lead.owner ?? "?"))
        }
    }

    /// Assigned leads with no follow-up since the assignment.
    private mutating func firstFollowUps() throws {
        for (lead, occurrence) in try due(.firstFollowUp, TimerCandidates.missingFirstFollowUps(before: cutoffs.firstFollowUp, limit: limit, m)) {
            let supervisor = try Recipients.supervisor(of: lead, m)
            if let supervisor {
                try m.notify(supervisor, kind: "escalation", text: "first-follow-up", leadID: lead.id,
                             body: "\(label(lead)): no follow-up by \(lead.owner ?? "?") within \(sla.firstFollowUpWithin) of assignment",
                             parameters: [label(lead), lead.owner ?? "?", "\(sla.firstFollowUpWithin)"])
            }
            try fire(TimerRule.firstFollowUp.key, lead, occurrence, outcome: .escalated(to: supervisor))
        }
    }

    // MARK: - Stages

    /// Deals past their stage's planned exit: flagged stalled, the supervisor told once.
    private mutating func stalledDeals() throws {
        for (lead, occurrence) in try due(.stalled, TimerCandidates.overrunStageVisits(at: now, limit: limit, m)) {
            var flagged = lead
            flagged.flags.insert(.stalled)
            if flagged != lead { try m.update(lead, to: flagged, action: .stalled) }
            let supervisor = try Recipients.supervisor(of: lead, m)
            let stage = lead.stage.flatMap { context.pipeline.stage(named: $0) }
            if let supervisor {
                try m.notify(supervisor, kind: "stalled", leadID: lead.id,
                             body: "\(label(lead)) is stalled in \(stage?.englishName ?? lead.stage ?? "?") (expected \(stage.map { "\($0.expected)" } ?? "?")), owner \(lead.owner ?? "none")",
                             parameters: [label(lead), lead.stage ?? "?", stage.map { "\($0.expected)" } ?? "?", lead.owner ?? ""])
            }
            try fire(TimerRule.stalled.key, lead, occurrence, outcome: .flaggedStalled(told: supervisor))
        }
    }

    // MARK: - Tasks

    /// Reminders `remind_before` a task is due. A task given to someone already inside that
    /// window (a grade-A call due in 24 hours, with reminders a working day ahead) is not
    /// "reminded" the moment it arrives: the firing is recorded as skipped, and the due-time
    /// notice still comes.
    private mutating func taskReminders() throws {
        for task in try TimerCandidates.tasksToRemind(dueBy: cutoffs.reminderHorizon, after: now, limit: limit, m).counted(&considered) {
            switch TimerRule.decision(for: task.facts, at: cutoffs, sla: sla, calendar: calendar) {
            case .skipReminder:
                try fireTask(.taskReminder, task, outcome: .reminderSkippedInsideWindow)
                continue
            case .remind: break
            case .markOverdue, nil: continue
            }
            try m.notify(task.assignee, kind: "reminder", text: "task", leadID: task.leadID,
                         body: "Task due \(StoreError.timestamp(task.due)): \(task.title)\(task.leadNumber.map { " (\($0))" } ?? "")",
                         parameters: [StoreError.timestamp(task.due), task.title, task.leadNumber ?? ""])
            try fireTask(.taskReminder, task, outcome: .reminded(task.assignee))
        }
    }

    /// Tasks whose due time has come: marked overdue, the assignee told.
    private mutating func overdueTasks() throws {
        for task in try TimerCandidates.tasksPastDue(at: now, limit: limit, m).counted(&considered) {
            guard case let .markOverdue(due, justNow) = TimerRule.decision(for: task.facts, at: cutoffs, sla: sla, calendar: calendar) else {
                continue
            }
            try Tasks.markOverdue(task.id, m)
            let when = justNow ? "is due now" : "is overdue since \(StoreError.timestamp(due))"
            try m.notify(task.assignee, kind: "overdue", text: justNow ? "now" : "since", leadID: task.leadID,
                         body: "Task \(when): \(task.title)\(task.leadNumber.map { " (\($0))" } ?? "")",
                         parameters: [StoreError.timestamp(due), task.title, task.leadNumber ?? ""])
            try fireTask(.taskOverdue, task, outcome: .markedOverdue(told: task.assignee))
        }
    }

    // MARK: - Pools

    /// Leads from a pool with no follow-up for its recycle period go back to it.
    private mutating func poolRecycling() throws {
        for pool in context.process.pools {
            let idle = try TimerCandidates.idlePoolLeads(pool: pool.name, before: cutoffs.recycle(pool), limit: limit, m)
            for (lead, occurrence) in due(.poolRecycle(pool: pool.name), idle) {
                let owner = lead.owner
                let reason = "no follow-up for \(pool.recycleDays) days; returned to pool \(pool.name) automatically"
                _ = try LeadHandoverService.returnToPool(lead, reason: reason, in: context.transaction(m))
                try m.notify(owner, kind: "recycled", leadID: lead.id, body: "\(label(lead)) was taken back: \(reason)",
                             parameters: [label(lead), "\(pool.recycleDays)", pool.name])
                try fire(TimerRule.poolRecycle(pool: pool.name).key, lead, occurrence, outcome: .returnedToPool(from: owner, pool: pool.name))
            }
        }
    }

    /// The receivable reminder levels (issue 14), in their own type.
    private mutating func receivableLevels() throws {
        var reminders = ReceivableReminders(context: context, m: m)
        let outcome = try reminders.run(limit: budget.map { max($0 - considered, 0) })
        considered += outcome.considered
        firings += outcome.firings.map { TickReport.Firing(rule: $0.rule, lead: $0.lead, outcome: $0.outcome) }
    }

    // MARK: - Helpers

    /// The `candidates` the store found for `rule` (not fired yet for their occurrence), kept
    /// where ``ClewDomain/TimerRule/due(for:at:sla:pools:)`` decides the rule is due.
    private mutating func due(_ rule: TimerRule, _ candidates: [LeadTimerCandidate]) -> [(Lead, String)] {
        candidates.counted(&considered).compactMap { candidate in
            TimerRule.due(for: candidate.facts, at: cutoffs, sla: sla, pools: context.process.pools).contains(rule)
                ? (candidate.lead, candidate.occurrence) : nil
        }
    }

    private func label(_ lead: Lead) -> String { "\(lead.number) \(lead.details.customer ?? "")" }

    private mutating func fire(_ rule: String, _ lead: Lead, _ occurrence: String, outcome: FiringOutcome) throws {
        guard try RuleFirings.record(rule, kind: .timer, leadID: lead.id, subject: "lead:\(lead.id)", occurrence: occurrence,
                                     action: rule, outcome: outcome, m) else { return }
        firings.append(TickReport.Firing(rule: rule, lead: lead.number.description, outcome: outcome.description))
    }

    private mutating func fireTask(_ timer: TimerRule, _ task: TaskTimerCandidate, outcome: FiringOutcome) throws {
        let rule = timer.key
        guard try RuleFirings.record(rule, kind: .timer, leadID: task.leadID, subject: "task:\(task.id)", occurrence: task.occurrence,
                                     action: rule, outcome: outcome, m) else { return }
        firings.append(TickReport.Firing(rule: rule, lead: task.leadNumber, outcome: "task #\(task.id): \(outcome.description)"))
    }
}

extension Array {
    /// The array, after adding its count to `total`.
    fileprivate func counted(_ total: inout Int) -> Self {
        total += count
        return self
    }
}
