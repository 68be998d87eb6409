import ClewDomain
import ClewServices
@testable import ClewStore
import Foundation
import GRDB
import Testing

/// Items 3, 8 and 10 of issue 11: events raise grades and tell the owner, closing a lead ends its
/// open work, late stages show as late.
@Suite("Process as the seeds describe it")
struct SeedProcessTests {
    // MARK: - 3: behaviour events raise the grade

    @Test func anEventRaisingTheSuggestionTellsTheOwnerAndKeepsTheSupervisorsGrade() throws {
        let fixture = try AutomationFixture()
        // 采购经理 15 + 50万以上 40 + a need 10 = 65: suggests B; bob grades it B.
        let lead = try fixture.active(fixture.draft(title: "采购经理", budget: "50万以上"), grade: .b)
        let raised = try fixture.leads("alice").recordEvent(lead.number.description, event: "inbound_contact")
        #expect(raised.suggestedGrade == .a)
        #expect(raised.grade == .b, "a supervisor's grade is kept unless the process file lets events raise it")
        #expect(try fixture.notifications("alice", "grade")
            == ["\(AutomationFixture.label(lead)): inbound_contact raised the score to 75, suggesting grade A; grade B kept as the supervisor set it"])
    }

    @Test func withEventsAllowedToRaiseItTheGradeRisesAndTheCadenceRestarts() throws {
        let fixture = try AutomationFixture()
        var process = ProcessDefinition.standard
        process.scoring.eventsRaiseGrade = true
        let context = try fixture.context(process)
        let lead = try fixture.active(fixture.draft(title: "采购经理", budget: "50万以上"), grade: .b, in: context)
        let raised = try fixture.leads("bob", in: context).recordEvent(lead.number.description, event: "inbound_contact")
        #expect(raised.grade == .a)
        #expect(try fixture.stored(lead).grade == .a)
        #expect(try fixture.notifications("alice", "grade").first?.contains("the grade from B to A") == true)
        let open = try fixture.tasks(of: lead).filter { $0.status == .open && $0.kind == "cadence" }
        #expect(open.map(\.title) == ["首次电话 First call"], "the A cadence replaces the B one")
    }

    // MARK: - 8: closing ends the open work

    @Test func losingCancelsOpenTasksWithTheReasonAndClearsAlerts() throws {
        let fixture = try AutomationFixture()
        let lead = try fixture.active(grade: .a)
        let number = lead.number.description
        _ = try fixture.tasks("alice").add(title: "准备报价单", lead: number, assignee: nil, due: nil)
        // A pending skip request and its alert for bob.
        guard case .approvalRequested = try fixture.leads("alice").move(number, to: "negotiation") else {
            Issue.record("expected an approval request"); return
        }
        #expect(try fixture.count("SELECT count(*) FROM notification WHERE recipient = 'bob' AND kind = 'approval' AND read_at IS NULL") == 1)
        try fixture.leads("alice").lose(number, reason: LostReason(parsing: "选择竞品")!)
        let tasks = try fixture.tasks(of: lead)
        #expect(!tasks.isEmpty)
        #expect(tasks.allSatisfy { $0.status == .cancelled })
        #expect(try fixture.strings("SELECT DISTINCT cancel_reason FROM task WHERE lead_id = ?", [lead.id]) == ["lead lost: 选择竞品"])
        #expect(try fixture.count("SELECT count(*) FROM audit WHERE action = 'cancel-reason' AND new = 'lead lost: 选择竞品'") == tasks.count)
        #expect(try fixture.count("SELECT count(*) FROM notification WHERE lead_id = ? AND kind = 'approval' AND read_at IS NULL", [lead.id]) == 0)
        #expect(try fixture.strings("SELECT status FROM approval WHERE lead_id = ?", [lead.id]) == ["withdrawn"])
    }

    @Test func winningCancelsTheCadenceButNotTheInvoice() throws {
        let fixture = try AutomationFixture()
        let lead = try fixture.active(grade: .a)
        try fixture.leads("bob").toContract(lead.number.description)
        try fixture.leads("alice").win(lead.number.description, amount: Money(yuan: 100_000))
        let tasks = try fixture.tasks(of: lead)
        #expect(tasks.filter { $0.status == .open }.map(\.title) == ["开具发票 Issue the invoice"])
        #expect(tasks.filter { $0.kind == "cadence" }.allSatisfy { $0.status == .cancelled })
        #expect(try fixture.strings("SELECT DISTINCT cancel_reason FROM task WHERE lead_id = ? AND status = 'cancelled'", [lead.id]) == ["lead won"])
    }

    // MARK: - 10: late stages

    @Test func aStageLeftMonthsLateShowsAsLateWithItsDates() throws {
        let fixture = try AutomationFixture()
        let lead = try fixture.active(grade: .c)
        fixture.clock.set(AutomationFixture.at(2027, 3, 23, 10))
        _ = try fixture.leads("alice").logFollowUp(lead.number.description, fixture.followUp())
        guard case .moved = try fixture.leads("alice").move(lead.number.description, to: "proposal") else { Issue.record("not moved"); return }
        let stages = try fixture.leads("alice").detail(lead.number.description).stages
        let discovery = try #require(stages.first { $0.stage == "discovery" })
        #expect(discovery.exitedAt == AutomationFixture.at(2027, 3, 23, 10))
        #expect(discovery.plannedExitAt == AutomationFixture.at(2026, 11, 26, 10))
        #expect(discovery.progress(at: fixture.clock.now()) == .late)
        #expect(discovery.status(at: fixture.clock.now()) == "late")
        #expect(stages.first { $0.stage == "proposal" }?.progress(at: fixture.clock.now()) == .inProgress)
        #expect(StageProgress.of(plannedExit: AutomationFixture.at(2026, 11, 26, 10), exited: AutomationFixture.at(2026, 11, 25, 10),
                                 now: fixture.clock.now()) == .done)
    }

    // MARK: - 2: the parsed budget is stored

    @Test func theParsedBudgetIsStoredOnTheLead() throws {
        let fixture = try AutomationFixture()
        let lead = try fixture.add(fixture.draft(budget: "10-30万"))
        #expect(lead.score == 30, "10–30万 band (20) + need (10), not the 30万 rule")
        #expect(try fixture.strings("SELECT budget_min_yuan || '-' || budget_max_yuan FROM lead WHERE id = ?", [lead.id]) == ["100000-300000"])
        _ = try fixture.leads("admin").edit(lead.number.description, changes: LeadDraft(budget: "50万以上"))
        #expect(try fixture.strings("SELECT budget_min_yuan || '-' || coalesce(budget_max_yuan, 'open') FROM lead WHERE id = ?", [lead.id]) == ["500000-open"])
    }
}
