import ClewDomain
import ClewMemoryStore
import ClewServices
import Foundation
import Testing

/// Deciding approval requests on the in-memory store: the real ``ApprovalService``, no file.
/// Approving carries out what was asked in the same transaction (a skip's move, a late
/// objection's return to screening); a rejection needs its reason; only the approver or an admin
/// decides, once; a request the lead has moved past is out of date.
@Suite("Approval use cases (in memory)")
struct ApprovalServiceTests {
    typealias Fixture = TaskServiceTests
    typealias Leads = LeadDetailsServiceTests
    typealias Handover = LeadHandoverServiceTests

    let clock = Handover.Clock()
    let store: InMemoryStore

    init() {
        let clock = clock
        var alices = Leads.alices
        alices.stageEnteredAt = Fixture.now.addingTimeInterval(-86_400)
        store = InMemoryStore(users: Fixture.profiles, leads: [alices, Handover.graded], process: .withoutAutomation,
                              calendar: .standard(timeZone: Fixture.zone), now: { clock.now })
    }

    func actor(_ login: String) -> ActingUser { Fixture.actor(login) }

    func approvals(_ login: String) -> ApprovalService { ApprovalService(store: store, actor: actor(login)) }

    static let number = Leads.alices.number.description

    /// Alice asks to skip from discovery to negotiation; the request's id.
    func requestSkip() throws -> Int64 {
        let stages = LeadStageService(store: store, actor: actor("alice"))
        _ = try stages.logFollowUp(Self.number, FollowUpDraft(at: Fixture.now, method: .phone, content: "客户确认预算与排期"))
        guard case let .approvalRequested(id, _, _) = try stages.move(Self.number, to: "negotiation", reason: "客户已看过方案") else {
            Issue.record("a skip asks")
            return 0
        }
        return id
    }

    @Test func approvingASkipMovesTheLeadAndTellsTheRequesterOnce() throws {
        let id = try requestSkip()
        #expect(try approvals("bob").pending().map(\.id) == [id])
        #expect(try approvals("carol").pending().isEmpty)
        let decided = try approvals("bob").approve(id, comment: "同意")
        #expect(decided.status == .approved && decided.comment == "同意" && decided.decidedAt == Fixture.now)
        #expect(try store.read { try $0.leads.lead(id: 1)?.stage } == "negotiation")
        #expect(store.notifications.last.map { [$0.recipient, $0.kind, $0.body] }
            == ["alice", "approval-decided", "bob approved moving \(Self.number) to negotiation: 同意"])
        #expect(store.auditTrail.filter { $0.entity == "approval" }.map { [$0.action, $0.field, $0.new] }.suffix(2) == [
            ["approve", "status", "approved"], ["approve", "comment", "同意"],
        ])
        #expect(throws: ApprovalError.alreadyDecided(id: id, status: .approved)) { try approvals("bob").approve(id, comment: nil) }
        #expect(try approvals("bob").pending().isEmpty)
    }

    @Test func aRejectionNeedsItsReasonAndLeavesTheLead() throws {
        let id = try requestSkip()
        #expect(throws: LeadError.reasonRequired(.rejecting)) { try approvals("bob").reject(id, comment: "  ") }
        #expect(try approvals("bob").reject(id, comment: "先做方案").status == .rejected)
        #expect(try store.read { try $0.leads.lead(id: 1)?.stage } == "discovery")
        #expect(store.notifications.last?.parameters == ["bob", "rejected", Self.number, "negotiation", "先做方案"])
    }

    @Test func onlyTheApproverOrAnAdminDecidesAndAnAdminSeesEveryRequest() throws {
        let id = try requestSkip()
        #expect(throws: StoreError.notFound("no approval request #\(id) for you")) { try approvals("carol").approve(id, comment: nil) }
        #expect(throws: StoreError.notFound("no approval request #99")) { try approvals("bob").approve(99, comment: nil) }
        #expect(try approvals("admin").pending().map(\.id) == [id])
        #expect(try approvals("admin").approve(id, comment: nil).status == .approved)
    }

    @Test func aRequestTheLeadMovedPastIsOutOfDate() throws {
        let id = try requestSkip()
        guard case .moved = try LeadStageService(store: store, actor: actor("alice")).move(Self.number, to: "proposal") else {
            Issue.record("alice moves on"); return
        }
        #expect(throws: ApprovalError.outOfDate(number: Self.number, stage: "discovery")) { try approvals("bob").approve(id, comment: nil) }
        #expect(try store.read { try $0.leads.lead(id: 1)?.stage } == "proposal", "nothing changed")
    }

    /// Seed 004: an objection past two working hours is the supervisor's to grant.
    @Test func approvingALateObjectionSendsTheLeadBackToScreening() throws {
        let number = Handover.graded.number.description
        _ = try LeadHandoverService(store: store, actor: actor("bob")).assign(number, to: "alice")
        clock.now = Fixture.now.addingTimeInterval(7 * 3_600)
        guard case let .approvalRequested(id, _, _) = try LeadHandoverService(store: store, actor: actor("alice")).objectOrAsk(number, reason: "客户在华南") else {
            Issue.record("late"); return
        }
        _ = try approvals("bob").approve(id, comment: "改派华南")
        let lead = try #require(try store.read { try $0.leads.lead(id: Handover.graded.id) })
        #expect(lead.status == .screening && lead.owner == nil)
        #expect(store.notes(onLead: Handover.graded.id).map(\.body) == ["客户在华南"])
    }
}
