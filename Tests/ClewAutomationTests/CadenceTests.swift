import ClewDomain
import ClewServices
@testable import ClewStore
import Foundation
import GRDB
import Testing

/// Follow-up cadences (issue 4 §4): the grade's tasks are generated on assignment with due
/// dates in working time; a follow-up by the step's method (or completing the task) schedules
/// the next step; a grade change replaces the pending cadence.
@Suite("Cadences")
struct CadenceTests {
    static let friday1600 = AutomationFixture.at(2026, 11, 27, 16)

    static func open(_ tasks: [TaskItem]) -> [TaskItem] { tasks.filter { $0.status == .open } }

    @Test func anALeadsFirstCallIsDueWithin24HoursOfAssignment() throws {
        let fixture = try AutomationFixture()
        fixture.clock.set(Self.friday1600)
        let lead = try fixture.assigned(grade: .a)

        let tasks = try fixture.tasks(of: lead)
        #expect(tasks.count == 1)
        let call = try #require(tasks.first)
        #expect(call.title == "首次电话 First call")
        #expect(call.assignee == "alice")
        #expect(call.kind == "cadence")
        // Seed 004: A within 24 hours (not 24 working hours, which put it after B's 48 h material).
        #expect(call.dueAt == AutomationFixture.at(2026, 11, 28, 16))
        #expect(try fixture.strings("SELECT cadence FROM task WHERE id = ?", [call.id]) == ["A:call"])
        #expect(try fixture.outcomes("cadence:A") == ["task #\(call.id) for alice, due \(AutomationFixture.stamp(AutomationFixture.at(2026, 11, 28, 16)))"])
        // The automation's task needs no extra inbox line: the assignment notice is there.
        #expect(try fixture.notifications("alice", "task").isEmpty)
    }

    @Test func aHolidayPushesTheDueDateOnByADay() throws {
        let fixture = try AutomationFixture()
        try fixture.addHoliday(CalendarDay(year: 2026, month: 11, day: 30))
        // A process counting the first call in working hours: Friday 16–18 + Tuesday + Wednesday + Thursday 09–13.
        var process = ProcessDefinition.standard
        process.cadences[0].steps[0].within = .workingHours(24)
        let context = try fixture.context(process, holidays: true)
        fixture.clock.set(Self.friday1600)
        let lead = try fixture.assigned(grade: .a, in: context)
        #expect(try fixture.tasks(of: lead).first?.dueAt == AutomationFixture.at(2026, 12, 3, 13), "Monday is a holiday")
    }

    @Test func aPhoneFollowUpCompletesTheCallAndSchedulesTheProposal() throws {
        let fixture = try AutomationFixture()
        fixture.clock.set(Self.friday1600)
        let lead = try fixture.active(grade: .a)
        let number = lead.number.description

        fixture.clock.set(AutomationFixture.at(2026, 11, 30, 11))
        // A WeChat message is not the call.
        _ = try fixture.leads("alice").logFollowUp(number, fixture.followUp("微信发了公司介绍", method: .wechat))
        #expect(Self.open(try fixture.tasks(of: lead)).map(\.title) == ["首次电话 First call"])

        _ = try fixture.leads("alice").logFollowUp(number, fixture.followUp())
        let tasks = try fixture.tasks(of: lead)
        #expect(tasks.map(\.title) == ["首次电话 First call", "发送方案 Send the proposal"])
        #expect(tasks.map(\.status) == [.done, .open])
        #expect(tasks[0].doneAt == AutomationFixture.at(2026, 11, 30, 11))
        // Three working days after the call was logged: Thursday 11:00.
        #expect(tasks[1].dueAt == AutomationFixture.at(2026, 12, 3, 11))
        #expect(try fixture.strings("SELECT cadence FROM task WHERE id = ?", [tasks[1].id]) == ["A:proposal"])
        #expect(try fixture.outcomes("cadence:A").last
            == "task #\(tasks[1].id) for alice, due \(AutomationFixture.stamp(AutomationFixture.at(2026, 12, 3, 11)))")
    }

    @Test func completingTheTaskAdvancesTheCadenceAndAWeeklyStepRepeats() throws {
        let fixture = try AutomationFixture()
        let lead = try fixture.active(grade: .a)
        let alice = try fixture.tasks("alice")

        let call = try #require(Self.open(try fixture.tasks(of: lead)).first)
        fixture.clock.set(AutomationFixture.at(2026, 11, 24, 10))
        try alice.complete(call.id)
        let proposal = try #require(Self.open(try fixture.tasks(of: lead)).first)
        #expect(proposal.title == "发送方案 Send the proposal")
        #expect(proposal.dueAt == AutomationFixture.at(2026, 11, 27, 10))

        fixture.clock.set(AutomationFixture.at(2026, 11, 25, 15))
        try alice.complete(proposal.id)
        let sync = try #require(Self.open(try fixture.tasks(of: lead)).first)
        #expect(sync.title == "每周同步 Weekly sync")
        #expect(sync.dueAt == AutomationFixture.at(2026, 12, 2, 15), "7 calendar days")

        // The sync repeats, from whenever it was done: here by a phone follow-up.
        fixture.clock.set(AutomationFixture.at(2026, 12, 1, 16))
        _ = try fixture.leads("alice").logFollowUp(lead.number.description, fixture.followUp("每周例会, 确认了实施计划"))
        let next = try #require(Self.open(try fixture.tasks(of: lead)).first)
        #expect(next.title == "每周同步 Weekly sync")
        #expect(next.id != sync.id)
        #expect(next.dueAt == AutomationFixture.at(2026, 12, 8, 16))
        #expect(try fixture.count("SELECT count(*) FROM task WHERE lead_id = ? AND status = 'open'", [lead.id]) == 1,
                "one step open at a time")
        #expect(try fixture.count("SELECT count(*) FROM rule_firing WHERE rule = 'cadence:A'") == 4)

        #expect(throws: TaskError.notOpen(id: sync.id, status: .done)) { try alice.complete(sync.id) }
    }

    @Test func theBCadenceSendsMaterialWithin48HoursThenCalls() throws {
        let fixture = try AutomationFixture()
        fixture.clock.set(Self.friday1600)
        let lead = try fixture.active(grade: .b)
        let material = try #require(try fixture.tasks(of: lead).first)
        #expect(material.title == "发送资料 Send material")
        #expect(material.dueAt == AutomationFixture.at(2026, 11, 29, 16), "48 plain hours, weekend or not")

        fixture.clock.set(AutomationFixture.at(2026, 11, 30, 9, 30))
        _ = try fixture.leads("alice").logFollowUp(lead.number.description, fixture.followUp("邮件发送了产品资料和报价区间", method: .email))
        let call = try #require(Self.open(try fixture.tasks(of: lead)).first)
        #expect(call.title == "电话跟进 Follow-up call")
        #expect(call.dueAt == AutomationFixture.at(2026, 12, 2, 9, 30))

        // The last step leaves nothing behind it.
        fixture.clock.set(AutomationFixture.at(2026, 12, 1, 10))
        _ = try fixture.leads("alice").logFollowUp(lead.number.description, fixture.followUp())
        #expect(Self.open(try fixture.tasks(of: lead)).isEmpty)
    }

    @Test func aGradeChangeReplacesThePendingCadence() throws {
        let fixture = try AutomationFixture()
        let lead = try fixture.active(grade: .a)
        let call = try #require(try fixture.tasks(of: lead).first)

        fixture.clock.set(AutomationFixture.at(2026, 11, 24, 14))
        try fixture.leads("bob").grade(lead.number.description, .c, reason: "预算推迟到明年")
        let tasks = try fixture.tasks(of: lead)
        #expect(tasks.map(\.title) == ["首次电话 First call", "轻触达 Light touch"])
        #expect(tasks.map(\.status) == [.cancelled, .open])
        #expect(tasks[0].id == call.id)
        #expect(tasks[1].dueAt == AutomationFixture.at(2026, 12, 1, 14))
        #expect(try fixture.strings("SELECT cadence FROM task WHERE id = ?", [tasks[1].id]) == ["C:touch"])
        #expect(try fixture.outcomes("cadence:C").count == 1)

        // Completing the cancelled task does nothing; the C touch repeats weekly.
        fixture.clock.set(AutomationFixture.at(2026, 11, 25, 10))
        _ = try fixture.leads("alice").logFollowUp(lead.number.description, fixture.followUp("微信问候", method: .wechat))
        let open = Self.open(try fixture.tasks(of: lead))
        #expect(open.map(\.title) == ["轻触达 Light touch"])
        #expect(open.first?.dueAt == AutomationFixture.at(2026, 12, 2, 10))
    }

    @Test func regradingWithTheSameGradeKeepsTheCadence() throws {
        let fixture = try AutomationFixture()
        let lead = try fixture.active(grade: .a)
        fixture.clock.set(AutomationFixture.at(2026, 11, 24, 14))
        try fixture.leads("bob").grade(lead.number.description, .a, reason: "再次确认")
        #expect(try fixture.tasks(of: lead).map(\.status) == [.open])
    }

    @Test func anUnassignedLeadGetsNoCadenceUntilAssigned() throws {
        let fixture = try AutomationFixture()
        let lead = try fixture.add()
        try fixture.leads("bob").grade(lead.number.description, .a, reason: "预算明确")
        #expect(try fixture.tasks(of: lead).isEmpty)
        try fixture.leads("bob").assign(lead.number.description, to: "carl")
        #expect(try fixture.tasks(of: lead).map(\.assignee) == ["carl"])
    }

    @Test func reassigningMovesTheCadenceToTheNewOwner() throws {
        let fixture = try AutomationFixture()
        let lead = try fixture.assigned(grade: .a, to: "alice")
        fixture.clock.set(AutomationFixture.at(2026, 11, 23, 11))
        try fixture.leads("bob").assign(lead.number.description, to: "carl")
        let tasks = try fixture.tasks(of: lead)
        #expect(tasks.map(\.assignee) == ["alice", "carl"])
        #expect(tasks.map(\.status) == [.cancelled, .open])
        #expect(tasks[1].dueAt == AutomationFixture.at(2026, 11, 24, 11), "24 hours from Monday 11:00")
    }

    @Test func closingOrObjectingEndsTheCadence() throws {
        let fixture = try AutomationFixture()
        let won = try fixture.active(grade: .a)
        try fixture.leads("bob").toContract(won.number.description)
        try fixture.leads("alice").win(won.number.description, amount: Money(yuan: 380_000))
        #expect(Self.open(try fixture.tasks(of: won)).allSatisfy { $0.kind != "cadence" })
        #expect(try fixture.count("SELECT count(*) FROM task WHERE lead_id = ? AND cadence IS NOT NULL AND status = 'open'", [won.id]) == 0)

        let objected = try fixture.assigned(grade: .a)
        try fixture.leads("alice").object(objected.number.description, reason: "不在我的区域")
        #expect(try fixture.tasks(of: objected).map(\.status) == [.cancelled])

        let lost = try fixture.active(grade: .b)
        try fixture.leads("alice").lose(lost.number.description, reason: .choseCompetitor)
        #expect(try fixture.tasks(of: lost).map(\.status) == [.cancelled])
    }
}
