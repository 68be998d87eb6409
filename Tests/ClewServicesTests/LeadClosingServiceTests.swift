import ClewDomain
import ClewMemoryStore
import ClewServices
import Foundation
import Testing

/// Closing a lead on the in-memory store: the real ``LeadClosingService``, no file. A loss
/// keeps its reason, cancels the lead's open work with it, withdraws its approvals, clears the
/// alerts about it from every inbox and loses its opportunity; only an open lead is lost.
@Suite("Lead closing use cases (in memory)")
struct LeadClosingServiceTests {
    typealias Fixture = TaskServiceTests
    typealias Leads = LeadDetailsServiceTests

    let store: InMemoryStore

    init() {
        var alices = Leads.alices
        alices.stageEnteredAt = Fixture.now.addingTimeInterval(-86_400)
        store = InMemoryStore(users: Fixture.profiles, leads: [alices, Leads.won], process: .withoutAutomation,
                              calendar: .standard(timeZone: Fixture.zone), now: { Fixture.now })
        store.setOpportunity(InMemoryStore.Opportunity(id: 31, status: .open), ofLead: alices.id)
    }

    func actor(_ login: String) -> ActingUser { Fixture.actor(login) }

    static let number = Leads.alices.number.description
    static let budget = LostReason.standard.first { $0.chineseName == "预算不足" } ?? LostReason.standard[0]

    @Test func aLossCancelsTheLeadsWorkWithItsReasonAndClearsItsAlerts() throws {
        let stages = LeadStageService(store: store, actor: actor("alice"))
        let followUp = try stages.logFollowUp(Self.number, FollowUpDraft(at: Fixture.now, method: .phone, content: "客户预算未批", nextAction: "月底再联系"))
        _ = try stages.move(Self.number, to: "negotiation", reason: "客户催促")
        #expect(store.notifications.map(\.kind) == ["approval"], "bob is asked about the skip")

        let lost = try LeadClosingService(store: store, actor: actor("alice")).lose(Self.number, reason: Self.budget)
        #expect(lost.status == .lost && lost.lostReason == Self.budget && lost.stage == "discovery")
        let task = try #require(try store.read { try $0.tasks.task(id: followUp.taskID!) })
        #expect(task.status == .cancelled)
        let taskRows = store.auditTrail.filter { $0.entity == "task" }.map { [$0.action, $0.field, $0.new] }
        #expect(taskRows.suffix(2) == [["cancel", "status", "cancelled"], ["cancel-reason", "cancel_reason", "lead lost: \(Self.budget.chineseName)"]])
        #expect(try store.read { try $0.approvals.pendingIDs(onLead: 1) }.isEmpty)
        #expect(store.notifications.allSatisfy { $0.readAt == Fixture.now }, "bob's request to decide is cleared")
        #expect(store.auditTrail.contains { $0.action == "clear-alerts" && $0.new == "1 cleared: lead lost: \(Self.budget.chineseName)" })
        #expect(store.auditTrail.contains { $0.entity == "opportunity" && $0.action == "lose" && $0.new == "lost" })
        #expect(try store.read { try $0.leads.stageVisits(ofLead: 1) }.allSatisfy { $0.exitedAt == Fixture.now })
        #expect(store.publishedEvents.map(\.event).suffix(2) == [.leftStage("discovery"), .lost])
    }

    @Test func onlyAnOpenLeadTheActorMayCloseIsLost() throws {
        let closing = LeadClosingService(store: store, actor: actor("alice"))
        #expect(throws: LifecycleError.self) { try closing.lose(Leads.won.number.description, reason: Self.budget) }
        #expect(throws: PermissionError.self) { try LeadClosingService(store: store, actor: actor("dave")).lose(Self.number, reason: Self.budget) }
        _ = try closing.lose(Self.number, reason: Self.budget)
        #expect(throws: LifecycleError.self) { try closing.lose(Self.number, reason: Self.budget) }
        #expect(store.auditTrail.filter { $0.entity == "lead" && $0.action == "lose" }.count == 2, "status and lost reason, once")
    }
}
