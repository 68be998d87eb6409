import ClewDomain
import Foundation
import Testing

/// Which timers are due, decided without a database (issue 9 §2), table-driven.
@Suite("Timer decisions")
struct TimerRuleTests {
    static let zone = TimeZone(identifier: "Asia/Shanghai")!
    static let calendar = WorkingCalendar.standard(timeZone: zone)
    /// Wednesday 2026-11-25 16:00 in Shanghai (working hours 09:00–18:00).
    static let now = CalendarDay(year: 2026, month: 11, day: 25).date(in: zone).addingTimeInterval(16 * 3_600)
    static let sla = SLAPolicy(confirmWithin: .workingHours(2), escalateUnconfirmedAfter: .workingHours(4),
                               firstFollowUpWithin: .workingHours(24), remindBefore: .workingHours(1), flagStalled: true)
    static let pools = [PoolDefinition(name: "华东", scope: .region, values: ["华东"], recycleDays: 14)]
    static let cutoffs = TimerCutoffs(sla: sla, now: now, calendar: calendar)

    static func hoursAgo(_ hours: Double) -> Date { now.addingTimeInterval(-hours * 3_600) }

    struct LeadCase: Sendable, CustomStringConvertible {
        var description: String
        var facts: LeadTimerFacts
        var flagStalled = true
        var expected: [TimerRule]
    }

    static let leadCases: [LeadCase] = [
        LeadCase(description: "assigned an hour ago: nothing yet",
                 facts: LeadTimerFacts(status: .assigned, assignedAt: hoursAgo(1)), expected: []),
        LeadCase(description: "unconfirmed for 3 working hours: the reminder",
                 facts: LeadTimerFacts(status: .assigned, assignedAt: hoursAgo(3)), expected: [.confirmReminder]),
        LeadCase(description: "unconfirmed past the escalation: the escalation supersedes the reminder",
                 facts: LeadTimerFacts(status: .assigned, assignedAt: hoursAgo(5)), expected: [.confirmEscalation]),
        LeadCase(description: "assigned Friday 17:00: the weekend does not count, escalation at Monday's end",
                 facts: LeadTimerFacts(status: .assigned, assignedAt: CalendarDay(year: 2026, month: 11, day: 20).date(in: zone).addingTimeInterval(17 * 3_600)),
                 expected: [.confirmEscalation, .firstFollowUp]),
        LeadCase(description: "confirmed (active) leads are not asked to confirm; no follow-up in 24 working hours escalates",
                 facts: LeadTimerFacts(status: .active, stage: "discovery", assignedAt: hoursAgo(72)), expected: [.firstFollowUp]),
        LeadCase(description: "a follow-up after the assignment settles the first follow-up",
                 facts: LeadTimerFacts(status: .active, stage: "discovery", assignedAt: hoursAgo(72), lastFollowUpAt: hoursAgo(70)), expected: []),
        LeadCase(description: "a follow-up from before a re-assignment does not count",
                 facts: LeadTimerFacts(status: .active, assignedAt: hoursAgo(72), lastFollowUpAt: hoursAgo(80)), expected: [.firstFollowUp]),
        LeadCase(description: "past the stage's planned exit: stalled",
                 facts: LeadTimerFacts(status: .active, stage: "proposal", assignedAt: hoursAgo(72), lastFollowUpAt: hoursAgo(1),
                                       openVisit: .init(stage: "proposal", plannedExitAt: hoursAgo(1))), expected: [.stalled]),
        LeadCase(description: "stalled flagging off in the process file",
                 facts: LeadTimerFacts(status: .active, stage: "proposal", assignedAt: hoursAgo(72), lastFollowUpAt: hoursAgo(1),
                                       openVisit: .init(stage: "proposal", plannedExitAt: hoursAgo(1))), flagStalled: false, expected: []),
        LeadCase(description: "the open visit is of another stage (moved since): not stalled",
                 facts: LeadTimerFacts(status: .active, stage: "contract", assignedAt: hoursAgo(72), lastFollowUpAt: hoursAgo(1),
                                       openVisit: .init(stage: "proposal", plannedExitAt: hoursAgo(1))), expected: []),
        LeadCase(description: "before the planned exit: not stalled",
                 facts: LeadTimerFacts(status: .active, stage: "proposal", assignedAt: hoursAgo(72), lastFollowUpAt: hoursAgo(1),
                                       openVisit: .init(stage: "proposal", plannedExitAt: now.addingTimeInterval(60))), expected: []),
        LeadCase(description: "from a pool, untouched for 15 days: back to the pool",
                 facts: LeadTimerFacts(status: .active, assignedAt: hoursAgo(24 * 20), lastFollowUpAt: hoursAgo(24 * 15), homePool: "华东"),
                 expected: [.poolRecycle(pool: "华东")]),
        LeadCase(description: "from a pool, followed up 13 days ago: kept",
                 facts: LeadTimerFacts(status: .active, assignedAt: hoursAgo(24 * 20), lastFollowUpAt: hoursAgo(24 * 13), homePool: "华东"), expected: []),
        LeadCase(description: "a home pool the process no longer has: kept",
                 facts: LeadTimerFacts(status: .active, assignedAt: hoursAgo(24 * 20), lastFollowUpAt: hoursAgo(24 * 15), homePool: "华北"), expected: []),
        LeadCase(description: "closed leads have no timers",
                 facts: LeadTimerFacts(status: .won, stage: "contract", assignedAt: hoursAgo(500),
                                       openVisit: .init(stage: "contract", plannedExitAt: hoursAgo(100))), expected: []),
        LeadCase(description: "screening leads have no timers", facts: LeadTimerFacts(status: .screening), expected: []),
    ]

    @Test(arguments: leadCases)
    func leadTimers(_ c: LeadCase) {
        var sla = Self.sla
        sla.flagStalled = c.flagStalled
        #expect(TimerRule.due(for: c.facts, at: Self.cutoffs, sla: sla, pools: Self.pools) == c.expected)
    }

    struct TaskCase: Sendable, CustomStringConvertible {
        var description: String
        var facts: TaskTimerFacts
        var expected: TaskTimerDecision?
    }

    static let taskCases: [TaskCase] = [
        TaskCase(description: "due in 30 minutes, made yesterday: remind",
                 facts: TaskTimerFacts(status: .open, dueAt: now.addingTimeInterval(1_800), createdAt: hoursAgo(24)),
                 expected: .remind(due: now.addingTimeInterval(1_800))),
        TaskCase(description: "due in 30 minutes, made 10 minutes ago inside the window: the reminder is skipped",
                 facts: TaskTimerFacts(status: .open, dueAt: now.addingTimeInterval(1_800), createdAt: now.addingTimeInterval(-600)),
                 expected: .skipReminder),
        TaskCase(description: "due in 3 hours: nothing yet",
                 facts: TaskTimerFacts(status: .open, dueAt: now.addingTimeInterval(3 * 3_600), createdAt: hoursAgo(24)), expected: nil),
        TaskCase(description: "due 10 minutes ago: overdue, just now",
                 facts: TaskTimerFacts(status: .open, dueAt: now.addingTimeInterval(-600), createdAt: hoursAgo(24)),
                 expected: .markOverdue(due: now.addingTimeInterval(-600), justNow: true)),
        TaskCase(description: "due two days ago after downtime: overdue since then",
                 facts: TaskTimerFacts(status: .open, dueAt: hoursAgo(48), createdAt: hoursAgo(72)),
                 expected: .markOverdue(due: hoursAgo(48), justNow: false)),
        TaskCase(description: "marked overdue before: nothing again",
                 facts: TaskTimerFacts(status: .open, dueAt: hoursAgo(48), createdAt: hoursAgo(72), overdueAt: hoursAgo(47)), expected: nil),
        TaskCase(description: "snoozed past its due time: reminded before the snooze ends, even if made inside the window",
                 facts: TaskTimerFacts(status: .open, dueAt: hoursAgo(1), snoozedUntil: now.addingTimeInterval(1_800), createdAt: now.addingTimeInterval(-600)),
                 expected: .remind(due: now.addingTimeInterval(1_800))),
        TaskCase(description: "done tasks have no timers",
                 facts: TaskTimerFacts(status: .done, dueAt: hoursAgo(1), createdAt: hoursAgo(24)), expected: nil),
        TaskCase(description: "a task without a due time has no timers",
                 facts: TaskTimerFacts(status: .open, dueAt: nil, createdAt: hoursAgo(24)), expected: nil),
    ]

    @Test(arguments: taskCases)
    func taskTimers(_ c: TaskCase) {
        #expect(TimerRule.decision(for: c.facts, at: Self.cutoffs, sla: Self.sla, calendar: Self.calendar) == c.expected)
    }

    @Test func ruleKeysAreTheFiringLogsNames() {
        #expect([TimerRule.confirmReminder, .confirmEscalation, .firstFollowUp, .stalled, .taskReminder, .taskOverdue, .poolRecycle(pool: "华东")]
            .map(\.key) == ["sla.confirm-reminder", "sla.confirm-escalation", "sla.first-follow-up", "sla.stalled", "task.reminder",
                            "task.overdue", "pool.recycle:华东"])
    }
}
