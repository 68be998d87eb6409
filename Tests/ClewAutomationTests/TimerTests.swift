import ClewDomain
@testable import ClewAutomation
import ClewServices
@testable import ClewStore
import Foundation
import GRDB
import Testing

/// The tick's timers (issue 4 §5) against a clock the tests move: confirmation reminders and
/// escalations in working time (over weekends and holidays), the first-follow-up SLA, stalled
/// deals, task reminders and overdue marking, pool recycling; idempotency, catch-up after
/// downtime and dry runs.
@Suite("Timers")
struct TimerTests {
    typealias Firing = TickReport.Firing

    static func at(_ y: Int, _ m: Int, _ d: Int, _ h: Int, _ min: Int = 0) -> Date { AutomationFixture.at(y, m, d, h, min) }

    // MARK: - Unconfirmed assignments

    @Test func anUnconfirmedAssignmentRemindsAfterOneWorkingHourThenEscalatesAfterTwo() throws {
        let fixture = try AutomationFixture()
        // Grade B: its first task (material within 48 h) is not yet near its reminder.
        let lead = try fixture.assigned(grade: .b) // Monday 10:00
        let number = lead.number.description
        let label = AutomationFixture.label(lead)

        #expect(try fixture.tick(Self.at(2026, 11, 23, 10, 59)).firings.isEmpty)

        let reminder = try fixture.tick(Self.at(2026, 11, 23, 11))
        #expect(reminder.firings == [Firing(rule: "sla.confirm-reminder", lead: number, outcome: "reminded alice")])
        #expect(try fixture.notifications("alice", "reminder") == ["\(label) was assigned to you 1 working hour ago: confirm or object"])
        #expect(try fixture.notifications("bob", "escalation").isEmpty)

        #expect(try fixture.tick(Self.at(2026, 11, 23, 11, 59)).firings.isEmpty)

        let escalation = try fixture.tick(Self.at(2026, 11, 23, 12))
        #expect(escalation.firings == [Firing(rule: "sla.confirm-escalation", lead: number, outcome: "escalated to bob")])
        #expect(try fixture.notifications("bob", "escalation") == ["\(label) assigned to alice is not confirmed after 2 working hours"])
        #expect(try fixture.notifications("alice", "reminder") == [
            "\(label) was assigned to you 1 working hour ago: confirm or object",
            "\(label) is still waiting for you to confirm or object; escalated to bob",
        ])
        #expect(try fixture.outcomes("sla.confirm-reminder") == ["reminded alice"])
        #expect(try fixture.outcomes("sla.confirm-escalation") == ["escalated to bob"])
        #expect(try fixture.strings("SELECT kind || ' ' || subject || ' ' || occurrence FROM rule_firing WHERE rule LIKE 'sla.%' ORDER BY id")
            == ["timer lead:\(lead.id) assigned@\(Self.at(2026, 11, 23, 10).storage)",
                "timer lead:\(lead.id) assigned@\(Self.at(2026, 11, 23, 10).storage)"])

        #expect(try fixture.tick(Self.at(2026, 11, 23, 17)).firings.isEmpty)
    }

    @Test func aConfirmedAssignmentNeitherRemindsNorEscalates() throws {
        let fixture = try AutomationFixture()
        let lead = try fixture.assigned(grade: .c)
        fixture.clock.set(Self.at(2026, 11, 23, 10, 40))
        try fixture.leads("alice").confirm(lead.number.description)
        #expect(try fixture.tick(Self.at(2026, 11, 23, 15)).firings.isEmpty)
    }

    /// The report's firings of the confirmation timers.
    static func confirmations(_ report: TickReport) -> [Firing] { report.firings.filter { $0.rule.hasPrefix("sla.confirm-") } }

    @Test func aFridayEveningAssignmentRemindsOnMondayMorningNotOnSaturday() throws {
        let fixture = try AutomationFixture()
        fixture.clock.set(Self.at(2026, 11, 27, 17, 30))
        let lead = try fixture.assigned(grade: .c)
        let number = lead.number.description

        for quiet in [Self.at(2026, 11, 27, 18), Self.at(2026, 11, 28, 10), Self.at(2026, 11, 28, 17, 30),
                      Self.at(2026, 11, 29, 23, 59), Self.at(2026, 11, 30, 9, 29)] {
            #expect(try Self.confirmations(fixture.tick(quiet)).isEmpty, "nothing at \(quiet)")
        }
        #expect(try Self.confirmations(fixture.tick(Self.at(2026, 11, 30, 9, 30)))
            == [Firing(rule: "sla.confirm-reminder", lead: number, outcome: "reminded alice")])
        #expect(try Self.confirmations(fixture.tick(Self.at(2026, 11, 30, 10, 29))).isEmpty)
        #expect(try Self.confirmations(fixture.tick(Self.at(2026, 11, 30, 10, 30)))
            == [Firing(rule: "sla.confirm-escalation", lead: number, outcome: "escalated to bob")])
    }

    @Test func theFirstFollowUpSLAIsInPlainHoursSoItRunsOverTheWeekend() throws {
        let fixture = try AutomationFixture()
        fixture.clock.set(Self.at(2026, 11, 27, 17, 30))
        let lead = try fixture.active(grade: .c)
        #expect(try fixture.tick(Self.at(2026, 11, 29, 17, 29)).firings.isEmpty)
        #expect(try fixture.tick(Self.at(2026, 11, 29, 17, 30)).firings
            == [Firing(rule: "sla.first-follow-up", lead: lead.number.description, outcome: "escalated to bob")])
    }

    @Test func aHolidayOnMondayPushesTheReminderToTuesday() throws {
        let fixture = try AutomationFixture()
        try fixture.addHoliday(CalendarDay(year: 2026, month: 11, day: 30), name: "公司年假")
        let context = try fixture.context(.standard, holidays: true)
        fixture.clock.set(Self.at(2026, 11, 27, 17, 30))
        let lead = try fixture.assigned(grade: .c, in: context)
        // Without the holidays in the calendar it would remind on the holiday.
        #expect(try Self.confirmations(fixture.tick(Self.at(2026, 11, 30, 9, 30), dryRun: true)).map(\.rule) == ["sla.confirm-reminder"])

        #expect(try Self.confirmations(fixture.tick(Self.at(2026, 11, 30, 9, 30), in: context)).isEmpty)
        #expect(try Self.confirmations(fixture.tick(Self.at(2026, 11, 30, 17), in: context)).isEmpty)
        #expect(try Self.confirmations(fixture.tick(Self.at(2026, 12, 1, 9, 29), in: context)).isEmpty)
        #expect(try Self.confirmations(fixture.tick(Self.at(2026, 12, 1, 9, 30), in: context))
            == [Firing(rule: "sla.confirm-reminder", lead: lead.number.description, outcome: "reminded alice")])
        #expect(try Self.confirmations(fixture.tick(Self.at(2026, 12, 1, 10, 30), in: context))
            == [Firing(rule: "sla.confirm-escalation", lead: lead.number.description, outcome: "escalated to bob")])
    }

    @Test func aMakeUpWorkdayOnSaturdayCounts() throws {
        let fixture = try AutomationFixture()
        try HolidayStore(context: fixture.context, actor: try fixture.actor("admin"))
            .set([CalendarDay(year: 2026, month: 11, day: 28)], isHoliday: false, name: "调休")
        let context = try fixture.context(.standard, holidays: true)
        fixture.clock.set(Self.at(2026, 11, 27, 17, 30))
        let lead = try fixture.assigned(grade: .c, in: context)
        #expect(try Self.confirmations(fixture.tick(Self.at(2026, 11, 28, 9, 30), in: context))
            == [Firing(rule: "sla.confirm-reminder", lead: lead.number.description, outcome: "reminded alice")])
    }

    // MARK: - First follow-up

    @Test func noFollowUpWithin48HoursOfAssignmentEscalates() throws {
        let fixture = try AutomationFixture()
        let neglected = try fixture.active(grade: .c)
        let worked = try fixture.active(grade: .c)
        fixture.clock.set(Self.at(2026, 11, 24, 15))
        _ = try fixture.leads("alice").logFollowUp(worked.number.description, fixture.followUp())

        #expect(try fixture.tick(Self.at(2026, 11, 25, 9, 59)).of("sla.first-follow-up").isEmpty)
        let report = try fixture.tick(Self.at(2026, 11, 25, 10))
        #expect(report.firings == [Firing(rule: "sla.first-follow-up", lead: neglected.number.description, outcome: "escalated to bob")])
        #expect(try fixture.notifications("bob", "escalation")
            == ["\(AutomationFixture.label(neglected)): no follow-up by alice within 48 hours of assignment"])
        #expect(try fixture.tick(Self.at(2026, 11, 26, 9)).of("sla.first-follow-up").isEmpty)
    }

    @Test func aFollowUpBeforeTheReassignmentDoesNotCountForTheNewOwner() throws {
        let fixture = try AutomationFixture()
        let lead = try fixture.active(grade: .c)
        fixture.clock.set(Self.at(2026, 11, 23, 11))
        _ = try fixture.leads("alice").logFollowUp(lead.number.description, fixture.followUp())
        fixture.clock.set(Self.at(2026, 11, 23, 12))
        try fixture.leads("bob").assign(lead.number.description, to: "carl")
        fixture.clock.set(Self.at(2026, 11, 23, 12, 10))
        try fixture.leads("carl").confirm(lead.number.description)

        let report = try fixture.tick(Self.at(2026, 11, 25, 12))
        #expect(report.of("sla.first-follow-up") == [Firing(rule: "sla.first-follow-up", lead: lead.number.description, outcome: "escalated to bob")])
        #expect(try fixture.notifications("bob", "escalation").last
            == "\(AutomationFixture.label(lead)): no follow-up by carl within 48 hours of assignment")
    }

    // MARK: - Stalled deals

    @Test func aDealPastItsStagesPlannedExitIsFlaggedStalledAndTheSupervisorToldOnce() throws {
        let fixture = try AutomationFixture()
        let lead = try fixture.active(grade: .c) // enters discovery Monday 10:00: planned exit Thursday 10:00
        let number = lead.number.description
        fixture.clock.set(Self.at(2026, 11, 23, 11))
        _ = try fixture.leads("alice").logFollowUp(number, fixture.followUp())

        #expect(try fixture.tick(Self.at(2026, 11, 26, 9, 59)).firings.isEmpty)
        #expect(try !fixture.stored(lead).flags.contains(.stalled))

        let report = try fixture.tick(Self.at(2026, 11, 26, 10))
        #expect(report.firings == [Firing(rule: "sla.stalled", lead: number, outcome: "flagged stalled; told bob")])
        #expect(try fixture.stored(lead).flags.contains(.stalled))
        #expect(try fixture.notifications("bob", "stalled")
            == ["\(AutomationFixture.label(lead)) is stalled in Discovery (expected 3 working days), owner alice"])
        #expect(try fixture.strings("SELECT actor || ' via ' || via FROM audit WHERE entity = 'lead' AND entity_id = ? AND action = 'stalled'", [lead.id])
            == ["(auto) via admin"])

        for later in [Self.at(2026, 11, 26, 10, 1), Self.at(2026, 11, 27, 10), Self.at(2026, 11, 30, 17)] {
            #expect(try fixture.tick(later).of("sla.stalled").isEmpty)
        }
        #expect(try fixture.notifications("bob", "stalled").count == 1, "once per stage visit")

        // Moving on clears the flag; the next stage has its own expected duration.
        fixture.clock.set(Self.at(2026, 12, 1, 11))
        guard case let .moved(moved) = try fixture.leads("alice").move(number, to: "proposal") else {
            Issue.record("the move needed approval")
            return
        }
        #expect(!moved.flags.contains(.stalled))
        #expect(try fixture.tick(Self.at(2026, 12, 3, 10, 59)).of("sla.stalled").isEmpty)
        #expect(try fixture.tick(Self.at(2026, 12, 3, 11)).of("sla.stalled")
            == [Firing(rule: "sla.stalled", lead: number, outcome: "flagged stalled; told bob")])
        #expect(try fixture.notifications("bob", "stalled").last
            == "\(AutomationFixture.label(lead)) is stalled in Proposal (expected 2 working days), owner alice")
    }

    @Test func aStageInCalendarDaysStallsOverTheWeekendToo() throws {
        let fixture = try AutomationFixture()
        var process = ProcessDefinition.standard
        process.pipeline = Pipeline(stages: [
            StageDefinition(key: "discovery", englishName: "Discovery", chineseName: "需求沟通", expected: .days(5)),
            StageDefinition(key: "proposal", englishName: "Proposal", chineseName: "方案呈现", expected: .workingDays(2)),
        ])
        let context = try fixture.context(process)
        let lead = try fixture.active(grade: .c, in: context)
        #expect(try fixture.tick(Self.at(2026, 11, 28, 9, 59), in: context).of("sla.stalled").isEmpty)
        #expect(try fixture.tick(Self.at(2026, 11, 28, 10), in: context).of("sla.stalled").map(\.lead) == [lead.number.description])
    }

    @Test func withFlagStalledOffNothingIsFlagged() throws {
        let fixture = try AutomationFixture()
        var process = ProcessDefinition.standard
        process.sla.flagStalled = false
        let context = try fixture.context(process)
        let lead = try fixture.active(grade: .c, in: context)
        #expect(try fixture.tick(Self.at(2026, 12, 10, 10), in: context).of("sla.stalled").isEmpty)
        #expect(try !fixture.stored(lead).flags.contains(.stalled))
    }

    // MARK: - Tasks

    @Test func aTaskRemindsOneWorkingDayBeforeItIsDueAndIsMarkedOverdueAtTheDueTime() throws {
        let fixture = try AutomationFixture()
        let lead = try fixture.active(grade: .c)
        let due = Self.at(2026, 11, 25, 15)
        let task = try fixture.tasks("alice").add(title: "准备报价单", lead: lead.number.description, assignee: nil, due: due)
        let number = lead.number.description

        #expect(try fixture.tick(Self.at(2026, 11, 24, 14, 59)).of("task.reminder").isEmpty)
        let reminder = try fixture.tick(Self.at(2026, 11, 24, 15))
        #expect(reminder.of("task.reminder") == [Firing(rule: "task.reminder", lead: number, outcome: "task #\(task.id): reminded alice")])
        #expect(try fixture.notifications("alice", "reminder") == ["Task due \(AutomationFixture.stamp(due)): 准备报价单 (\(number))"])

        #expect(try fixture.tick(Self.at(2026, 11, 25, 14, 59)).of("task.overdue").isEmpty)
        let overdue = try fixture.tick(due)
        #expect(overdue.of("task.overdue") == [Firing(rule: "task.overdue", lead: number, outcome: "task #\(task.id): marked overdue; told alice")])
        #expect(overdue.of("task.reminder").isEmpty)
        #expect(try fixture.notifications("alice", "overdue") == ["Task is due now: 准备报价单 (\(number))"])
        let stored = try #require(try fixture.database.read { try Tasks.fetch($0, id: task.id) })
        #expect(stored.overdueAt == due)
        #expect(stored.status == .open, "overdue tasks stay open, marked")

        #expect(try fixture.tick(Self.at(2026, 11, 26, 15)).of("task.overdue").isEmpty)
        #expect(try fixture.notifications("alice", "overdue").count == 1)
    }

    @Test func aTaskGivenInsideItsReminderWindowIsNotRemindedOnArrival() throws {
        let fixture = try AutomationFixture()
        // Created Monday 10:00 (the fixture's clock), due Tuesday 09:30: already less than a working day away.
        let due = Self.at(2026, 11, 24, 9, 30)
        let task = try fixture.tasks("alice").add(title: "首次电话", lead: nil, assignee: nil, due: due)
        let first = try fixture.tick(Self.at(2026, 11, 23, 10, 5))
        #expect(first.firings == [Firing(rule: "task.reminder", lead: nil, outcome: "task #\(task.id): skipped: created inside the reminder window")])
        #expect(try fixture.notifications("alice", "reminder").isEmpty)
        #expect(try fixture.tick(Self.at(2026, 11, 23, 16)).firings.isEmpty, "recorded once")
        #expect(try fixture.tick(due).firings == [Firing(rule: "task.overdue", lead: nil, outcome: "task #\(task.id): marked overdue; told alice")])
    }

    @Test func aTaskDueOnMondayRemindsOnFriday() throws {
        let fixture = try AutomationFixture()
        let due = Self.at(2026, 11, 30, 10)
        let task = try fixture.tasks("alice").add(title: "回访客户", lead: nil, assignee: nil, due: due)
        #expect(try fixture.tick(Self.at(2026, 11, 27, 9, 59)).firings.isEmpty)
        #expect(try fixture.tick(Self.at(2026, 11, 27, 10)).firings
            == [Firing(rule: "task.reminder", lead: nil, outcome: "task #\(task.id): reminded alice")])
        #expect(try fixture.notifications("alice", "reminder") == ["Task due \(AutomationFixture.stamp(due)): 回访客户"])
        #expect(try fixture.tick(Self.at(2026, 11, 28, 10)).firings.isEmpty, "not again on Saturday")
        #expect(try fixture.tick(due).firings == [Firing(rule: "task.overdue", lead: nil, outcome: "task #\(task.id): marked overdue; told alice")])
    }

    @Test func aSnoozedTaskRemindsAndFallsDueAgainAtItsNewTime() throws {
        let fixture = try AutomationFixture()
        let due = Self.at(2026, 11, 24, 15)
        let task = try fixture.tasks("alice").add(title: "回访客户", lead: nil, assignee: nil, due: due)
        try fixture.tick(due)
        #expect(try fixture.outcomes("task.overdue").count == 1)

        fixture.clock.set(Self.at(2026, 11, 24, 16))
        let later = Self.at(2026, 11, 26, 16)
        let snoozed = try fixture.tasks("alice").snooze(task.id, until: later)
        #expect(snoozed.overdueAt == nil)
        #expect(try fixture.tick(Self.at(2026, 11, 25, 16)).firings
            == [Firing(rule: "task.reminder", lead: nil, outcome: "task #\(task.id): reminded alice")])
        #expect(try fixture.tick(later).firings
            == [Firing(rule: "task.overdue", lead: nil, outcome: "task #\(task.id): marked overdue; told alice")])
        #expect(try fixture.outcomes("task.overdue").count == 2)
    }

    @Test func doneTasksNeitherRemindNorFallDue() throws {
        let fixture = try AutomationFixture()
        let task = try fixture.tasks("alice").add(title: "回访客户", lead: nil, assignee: nil, due: Self.at(2026, 11, 24, 15))
        try fixture.tasks("alice").complete(task.id)
        #expect(try fixture.tick(Self.at(2026, 11, 30, 15)).firings.isEmpty)
    }

    // MARK: - Pools

    @Test func aPoolLeadWithoutFollowUpReturnsToThePoolAfterRecycleDaysAndItsOwnerIsTold() throws {
        let fixture = try AutomationFixture()
        let idle = try fixture.add(fixture.draft(source: "官网"))
        let busy = try fixture.add(fixture.draft(source: "官网"))
        try fixture.leads("alice").claim(idle.number.description)
        try fixture.leads("alice").claim(busy.number.description)
        fixture.clock.set(Self.at(2026, 12, 1, 10))
        _ = try fixture.leads("alice").logFollowUp(busy.number.description, fixture.followUp())

        #expect(try fixture.tick(Self.at(2026, 12, 7, 9, 59)).of("pool.recycle:east").isEmpty)
        let report = try fixture.tick(Self.at(2026, 12, 7, 10))
        #expect(report.of("pool.recycle:east")
            == [Firing(rule: "pool.recycle:east", lead: idle.number.description, outcome: "returned from alice to pool east")])
        let returned = try fixture.stored(idle)
        #expect(returned.status == .pooled)
        #expect(returned.pool == "east")
        #expect(returned.owner == nil)
        #expect(returned.stage == nil)
        #expect(try fixture.notifications("alice", "recycled")
            == ["\(AutomationFixture.label(idle)) was taken back: no follow-up for 14 days; returned to pool east automatically"])
        #expect(try fixture.tasks(of: idle).allSatisfy { $0.status != .open })
        #expect(try fixture.strings("SELECT body FROM note WHERE lead_id = ? AND kind = 'return'", [idle.id])
            == ["no follow-up for 14 days; returned to pool east automatically"])
        #expect(try fixture.stored(busy).owner == "alice")

        // Carl may claim it again; the busy lead goes back 14 days after its last follow-up.
        fixture.clock.set(Self.at(2026, 12, 7, 10, 5))
        #expect(try fixture.leads("carl").claim(idle.number.description).owner == "carl")
        #expect(try fixture.tick(Self.at(2026, 12, 15, 9, 59)).of("pool.recycle:east").isEmpty)
        #expect(try fixture.tick(Self.at(2026, 12, 15, 10)).of("pool.recycle:east").map(\.lead) == [busy.number.description])
    }

    @Test func aLeadAssignedOutsideAnyPoolIsNotRecycled() throws {
        let fixture = try AutomationFixture()
        let lead = try fixture.active(grade: .c)
        try fixture.tick(Self.at(2026, 12, 31, 10))
        #expect(try fixture.stored(lead).owner == "alice")
        #expect(try fixture.count("SELECT count(*) FROM rule_firing WHERE rule LIKE 'pool.recycle%'") == 0)
    }

    @Test func aPoolsOwnRecyclePeriodApplies() throws {
        let fixture = try AutomationFixture()
        var process = ProcessDefinition.standard
        process.pools[0].recycleDays = 3
        let context = try fixture.context(process)
        let lead = try fixture.add(fixture.draft(source: "官网"), in: context)
        try fixture.leads("alice", in: context).claim(lead.number.description)
        #expect(try fixture.tick(Self.at(2026, 11, 26, 9, 59), in: context).of("pool.recycle:east").isEmpty)
        #expect(try fixture.tick(Self.at(2026, 11, 26, 10), in: context).of("pool.recycle:east").count == 1)
        #expect(try fixture.notifications("alice", "recycled")
            == ["\(AutomationFixture.label(lead)) was taken back: no follow-up for 3 days; returned to pool east automatically"])
    }

    // MARK: - Idempotency, catch-up, dry runs

    @Test func runningTheTickTwiceFiresNothingTheSecondTime() throws {
        let fixture = try AutomationFixture()
        try fixture.assigned(grade: .a)
        try fixture.active(grade: .b, owner: "carl")
        _ = try fixture.tasks("alice").add(title: "回访客户", lead: nil, assignee: nil, due: Self.at(2026, 11, 24, 15))
        let when = Self.at(2026, 11, 26, 12)

        let first = try fixture.tick(when)
        #expect(!first.firings.isEmpty)
        let notifications = try fixture.count("SELECT count(*) FROM notification")
        let firings = try fixture.count("SELECT count(*) FROM rule_firing")
        let audits = try fixture.count("SELECT count(*) FROM audit")

        let second = try fixture.tick(when)
        #expect(second.firings.isEmpty)
        #expect(second.heldBy == nil)
        #expect(try fixture.count("SELECT count(*) FROM notification") == notifications)
        #expect(try fixture.count("SELECT count(*) FROM rule_firing") == firings)
        #expect(try fixture.count("SELECT count(*) FROM audit") == audits)

        #expect(try fixture.tick(when.addingTimeInterval(60)).firings.isEmpty)
    }

    @Test func aTickTenDaysLateFiresEachTimerOnceAndSendsTheEscalationNotTheSupersededReminder() throws {
        let fixture = try AutomationFixture()
        let lead = try fixture.assigned(grade: .a) // Monday 10:00; first call due within 24 h, Tuesday 10:00
        let number = lead.number.description
        let label = AutomationFixture.label(lead)
        let call = try #require(try fixture.tasks(of: lead).first)
        #expect(call.dueAt == Self.at(2026, 11, 24, 10))

        let report = try fixture.tick(Self.at(2026, 12, 3, 10))
        #expect(report.firings == [
            Firing(rule: "sla.confirm-escalation", lead: number, outcome: "escalated to bob"),
            Firing(rule: "sla.first-follow-up", lead: number, outcome: "escalated to bob"),
            Firing(rule: "task.overdue", lead: number, outcome: "task #\(call.id): marked overdue; told alice"),
        ])
        #expect(try fixture.outcomes("sla.confirm-reminder").isEmpty)
        #expect(try fixture.outcomes("task.reminder").isEmpty, "the reminder before the due time is moot")
        #expect(try fixture.notifications("alice", "reminder") == ["\(label) is still waiting for you to confirm or object; escalated to bob"])
        #expect(try fixture.notifications("bob", "escalation") == [
            "\(label) assigned to alice is not confirmed after 2 working hours",
            "\(label): no follow-up by alice within 48 hours of assignment",
        ])
        #expect(try fixture.notifications("alice", "overdue")
            == ["Task is overdue since \(AutomationFixture.stamp(call.dueAt ?? .distantPast)): 首次电话 First call (\(number))"])

        // The minutes after bring nothing new.
        for minute in 1...5 {
            #expect(try fixture.tick(Self.at(2026, 12, 3, 10, minute)).firings.isEmpty)
        }
    }

    @Test func aDryRunReportsTheSameFiringsAndChangesNothing() throws {
        let fixture = try AutomationFixture()
        let lead = try fixture.assigned(grade: .a)
        let pooled = try fixture.add(fixture.draft(source: "官网"))
        try fixture.leads("carl").claim(pooled.number.description)
        let when = Self.at(2026, 12, 10, 10)
        let tables = ["notification", "rule_firing", "audit", "lead", "task WHERE overdue_at IS NOT NULL", "note", "lease"]
        let before = try tables.map { try fixture.count("SELECT count(*) FROM \($0)") }
        let versions = try fixture.strings("SELECT version FROM lead ORDER BY id")

        let dry = try fixture.tick(when, dryRun: true)
        #expect(dry.dryRun)
        #expect(dry.rules.contains("pool.recycle:east"))
        #expect(dry.rules.contains("sla.confirm-escalation"))
        #expect(try tables.map { try fixture.count("SELECT count(*) FROM \($0)") } == before)
        #expect(try fixture.strings("SELECT version FROM lead ORDER BY id") == versions)
        #expect(try fixture.stored(pooled).status == .active)

        let real = try fixture.tick(when)
        #expect(!real.dryRun)
        #expect(real.firings == dry.firings)
        #expect(try fixture.stored(pooled).status == .pooled)
        #expect(try fixture.stored(lead).status == .assigned)
    }

    @Test func onlyAnAdminLooksAheadOrRehearses() throws {
        let fixture = try AutomationFixture()
        try fixture.assigned(grade: .a)
        let alice = TickService(context: fixture.context, actor: try fixture.actor("alice"))
        // A rehearsal holds the write lock for the whole evaluation and lists every team's leads.
        for dryRun in [true, false] {
            #expect {
                try alice.run(asOf: Self.at(2026, 11, 23, 12), dryRun: dryRun)
            } throws: { "\($0)" == "alice (rep) cannot administer the database; ask an admin" }
        }
        #expect { try alice.run(dryRun: true) } throws: { "\($0)" == "alice (rep) cannot administer the database; ask an admin" }
        #expect(try fixture.count("SELECT count(*) FROM rule_firing WHERE kind = 'timer'") == 0)
    }

    @Test func theTickRunsAtTheClocksNowWhenMovedWithTheClock() throws {
        let fixture = try AutomationFixture()
        let lead = try fixture.assigned(grade: .b)
        // Anyone's tick (every open TUI runs one) evaluates at the clock's time.
        let alice = TickService(context: fixture.context, actor: try fixture.actor("alice"))
        fixture.clock.set(Self.at(2026, 11, 23, 10, 30))
        #expect(try alice.run().firings.isEmpty)
        fixture.clock.set(Self.at(2026, 11, 23, 11))
        let report = try alice.run()
        #expect(report.asOf == Self.at(2026, 11, 23, 11))
        // A rep's run reports only which rules fired, not whose leads or what happened.
        #expect(report.firings == [Firing(rule: "sla.confirm-reminder", lead: nil, outcome: "")])
        #expect(try fixture.strings("SELECT outcome FROM rule_firing WHERE lead_id = ? AND rule = 'sla.confirm-reminder'", [lead.id]) == ["reminded alice"])
        #expect(try fixture.strings("SELECT actor FROM notification WHERE kind = 'reminder'") == ["(auto)"])
        fixture.clock.set(Self.at(2026, 11, 23, 12))
        #expect(try alice.run().rules == ["sla.confirm-escalation"])
        #expect(try fixture.count("SELECT count(*) FROM lease WHERE name = 'tick'") == 0, "the lease is released after each run")
    }

    @Test func countsByRuleSummariseTheReport() throws {
        let fixture = try AutomationFixture()
        try fixture.assigned(grade: .a)
        try fixture.assigned(grade: .c, to: "carl")
        let report = try fixture.tick(Self.at(2026, 12, 3, 10))
        #expect(report.countsByRule.map { "\($0.rule) \($0.count)" }
            == ["sla.confirm-escalation 2", "sla.first-follow-up 2", "task.overdue 2"])
    }
}
