import ClewDomain
@testable import ClewAutomation
import ClewServices
@testable import ClewStore
import Foundation
import GRDB
import Testing

/// The time rules of seed 004 around screening: the 10:00 deadline with its escalation by noon,
/// and objections accepted within two working hours of the assignment.
@Suite("Screening time rules (seed 004)")
struct ScreeningTimeRuleTests {
    static func at(_ y: Int, _ m: Int, _ d: Int, _ h: Int, _ min: Int = 0) -> Date { AutomationFixture.at(y, m, d, h, min) }

    @Test func whatIsUnscreenedAtTenRemindsTheSupervisorsAndAtNoonAnAdmin() throws {
        let fixture = try AutomationFixture()
        fixture.clock.set(Self.at(2026, 11, 23, 9))
        try fixture.add()
        try fixture.add()
        #expect(try fixture.tick(Self.at(2026, 11, 23, 9, 59)).firings.filter { $0.rule.hasPrefix("screening.") }.isEmpty)
        let ten = try fixture.tick(Self.at(2026, 11, 23, 10))
        #expect(ten.firings.filter { $0.rule.hasPrefix("screening.") } == [
            TickReport.Firing(rule: "screening.deadline", lead: nil, outcome: "2 unscreened after 10:00: told bob"),
        ])
        #expect(try fixture.notifications("bob", "reminder") == ["2 leads waiting since before 10:00 are still unscreened"])
        // Once a day: the next tick says nothing new.
        #expect(try fixture.tick(Self.at(2026, 11, 23, 11)).firings.filter { $0.rule.hasPrefix("screening.") }.isEmpty)
        let noon = try fixture.tick(Self.at(2026, 11, 23, 12))
        #expect(noon.firings.filter { $0.rule.hasPrefix("screening.") }.map(\.rule) == ["screening.escalation"])
        #expect(try fixture.notifications("admin", "escalation") == ["2 leads are still unscreened at 12:00; the 10:00 deadline passed"])
        // The next working day asks again; a Saturday does not.
        #expect(try fixture.tick(Self.at(2026, 11, 28, 11)).firings.filter { $0.rule.hasPrefix("screening.") }.isEmpty)
        #expect(try fixture.tick(Self.at(2026, 11, 30, 10, 30)).firings.filter { $0.rule == "screening.deadline" }.count == 1)
    }

    @Test func aQueueScreenedInTimeOrFilledAfterTheDeadlineSaysNothing() throws {
        let fixture = try AutomationFixture()
        fixture.clock.set(Self.at(2026, 11, 23, 10, 30))
        try fixture.add()  // after the deadline: tomorrow's queue
        #expect(try fixture.tick(Self.at(2026, 11, 23, 12, 30)).firings.filter { $0.rule.hasPrefix("screening.") }.isEmpty)
    }

    @Test func anObjectionAfterTwoWorkingHoursGoesToTheSupervisor() throws {
        let fixture = try AutomationFixture()
        let inTime = try fixture.assigned(grade: .b)  // Monday 10:00
        fixture.clock.set(Self.at(2026, 11, 23, 11, 59))
        guard case .objected = try fixture.leads("alice").objectOrAsk(inTime.number.description, reason: "不在我的区域") else {
            Issue.record("an objection in time went to the supervisor"); return
        }
        #expect(try fixture.leads("admin").lead(inTime.number.description).status == .screening)

        fixture.clock.set(Self.at(2026, 11, 23, 13))
        let late = try fixture.assigned(grade: .b)
        fixture.clock.set(Self.at(2026, 11, 23, 16, 1))  // past 13:00 + 2 working hours
        let number = late.number.description
        guard case let .approvalRequested(id, approver, within) = try fixture.leads("alice").objectOrAsk(number, reason: "客户在华南") else {
            Issue.record("a late objection was taken"); return
        }
        #expect(approver == "bob" && within == .workingHours(2))
        #expect(try fixture.leads("admin").lead(number).status == .assigned, "still alice's until bob decides")
        #expect(try fixture.notifications("bob", "objection").last?.contains("after 2 working hours: 客户在华南") == true)
        try ApprovalService(context: fixture.context, actor: try fixture.actor("bob")).approve(id, comment: "同意重新分配")
        let back = try fixture.leads("admin").lead(number)
        #expect(back.status == .screening && back.owner == nil)
        #expect(try fixture.strings("SELECT status FROM approval WHERE id = ?", [id]) == ["approved"])
    }
}
