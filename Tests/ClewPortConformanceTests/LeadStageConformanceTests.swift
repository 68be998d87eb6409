import ClewDomain
import ClewServices
import Foundation
import Testing

/// What every store must do for a lead worked through the pipeline, run on each engine: a
/// follow-up is found as done in its stage since the lead entered it, and the same follow-ups,
/// moves, skip request and contract (``LeadStageService``) leave the same trail on both stores.
@Suite("Ports: stages and follow-ups")
struct LeadStageConformanceTests {
    static func stages(_ s: StoreUnderTest, _ login: String) -> LeadStageService {
        LeadStageService(store: s.store, actor: s.actor(login))
    }

    static func call(_ content: String, nextAction: String? = nil) -> FollowUpDraft {
        FollowUpDraft(at: StoreUnderTest.now, method: .visit, contactPerson: "赵敏", content: content, nextAction: nextAction)
    }

    @Test(arguments: StoreUnderTest.Engine.allCases)
    func aFollowUpIsFoundInItsStageSinceTheLeadEnteredIt(_ engine: StoreUnderTest.Engine) throws {
        let s = try StoreUnderTest(engine)
        let lead = try #require(try s.store.read { try $0.leads.lead(number: s.claimedNumber) })
        let entered = try #require(lead.stageEnteredAt)
        #expect(try s.store.read { try $0.followUps.anyLogged(onLead: lead.id, inStage: "discovery", since: entered) } == false)
        let logged = try Self.stages(s, "alice").logFollowUp(s.claimedNumber.description, Self.call("上门演示渠道管理"))
        try s.store.read { tx throws in
            #expect(try tx.followUps.anyLogged(onLead: lead.id, inStage: "discovery", since: entered))
            #expect(try tx.followUps.anyLogged(onLead: lead.id, inStage: "proposal", since: entered) == false)
            #expect(try tx.followUps.anyLogged(onLead: lead.id, inStage: "discovery", since: StoreUnderTest.at(1)) == false)
            #expect(try tx.history(of: "lead").contains { $0.action == "follow-up" && $0.field == "follow_up" && $0.new == String(logged.followUpID) })
        }
    }

    /// Not per engine: the same stage work on both stores, trails (lead, task, approval,
    /// contract) and notices compared row for row.
    @Test func theSameStageWorkLeavesTheSameTrailOnBothStores() throws {
        let outcomes = try StoreUnderTest.Engine.allCases.map { engine -> [[String?]] in
            let s = try StoreUnderTest(engine)
            let marks = try s.auditMarks(["lead", "task", "approval", "contract"])
            let number = s.claimedNumber.description
            let alice = Self.stages(s, "alice")
            _ = try alice.logFollowUp(number, Self.call("上门演示渠道管理", nextAction: "发送报价"))
            _ = try alice.move(number, to: "proposal")
            _ = try alice.logFollowUp(number, Self.call("报价已发，客户比较中"))
            _ = try alice.move(number, to: "contract", reason: "客户要求尽快签约")
            _ = try Self.stages(s, "bob").move(number, to: "contract")
            let work = try s.trails(since: marks) + s.unreadNotices(of: ["alice", "bob", "carol"])
            return try s.store.read { tx in
                let lead = try #require(try tx.leads.lead(number: s.claimedNumber))
                let visits = try tx.leads.stageVisits(ofLead: lead.id).filter { $0.enteredAt >= StoreUnderTest.now }
                return work + [[lead.stage] + visits.map(\.stage)]
            }
        }
        #expect(outcomes[0] == outcomes[1])
        #expect(outcomes[0].count >= 12, "the set-up did its work")
    }

    @Test(arguments: StoreUnderTest.Engine.allCases)
    func aRequestIsReadBackAndDecidedOnceWithItsAuditRows(_ engine: StoreUnderTest.Engine) throws {
        let s = try StoreUnderTest(engine)
        let number = s.claimedNumber.description
        _ = try Self.stages(s, "alice").logFollowUp(number, Self.call("上门演示渠道管理"))
        guard case let .approvalRequested(id, approver, _) = try Self.stages(s, "alice").move(number, to: "negotiation", reason: "客户催促") else {
            Issue.record("a skip asks"); return
        }
        let stored = try #require(try s.store.read { try $0.approvals.request(id: id) })
        #expect(stored.item.map { [$0.kind.rawValue, $0.fromStage, $0.toStage, $0.requestedBy, $0.approver, $0.status.rawValue, $0.reason] }
            == ["stage-skip", "discovery", "negotiation", "alice", "bob", "pending", "客户催促"] && approver == "bob")
        #expect(try s.store.read { try $0.approvals.pending(approver: nil, limit: 10) }.map(\.id) == [id])
        let decided = try ApprovalService(store: s.store, actor: s.actor("bob")).approve(id, comment: "同意")
        #expect(decided.status == .approved)
        try s.store.read { tx throws in
            let item = try #require(try tx.approvals.request(id: id)?.item)
            #expect(item.status == .approved && item.comment == "同意" && item.decidedAt == StoreUnderTest.now)
            #expect(try tx.leads.lead(number: s.claimedNumber)?.stage == "negotiation")
            #expect(try tx.history(of: "approval").suffix(2).map { [$0.action, $0.field, $0.old, $0.new] } == [
                ["approve", "status", "pending", "approved"], ["approve", "comment", nil, "同意"],
            ])
            #expect(try tx.approvals.request(id: id + 1000) == nil)
        }
    }

    /// Not per engine: a deal worked into the contract stage and then lost, on both stores: the
    /// task cancelled with its reason, the request withdrawn and its alert cleared, the draft
    /// contract cancelled — trails and notices compared row for row.
    @Test func theSameLossLeavesTheSameTrailOnBothStores() throws {
        let outcomes = try StoreUnderTest.Engine.allCases.map { engine -> [[String?]] in
            let s = try StoreUnderTest(engine)
            // The SQLite set-up's own notices (carol's assignments) read, so both start with none.
            _ = try s.store.write(as: s.actor("carol")) { tx in try tx.notifications.markRead(nil, for: "carol") }
            let marks = try s.auditMarks(["lead", "task", "approval", "contract"])
            let number = s.claimedNumber.description
            _ = try Self.stages(s, "alice").logFollowUp(number, Self.call("上门演示渠道管理", nextAction: "发送报价"))
            _ = try Self.stages(s, "alice").move(number, to: "negotiation", reason: "客户催促")
            _ = try Self.stages(s, "bob").move(number, to: "contract")
            let reason = LostReason.standard[0]
            let lost = try LeadClosingService(store: s.store, actor: s.actor("alice")).lose(number, reason: reason)
            #expect(lost.status == .lost)
            return try s.trails(since: marks) + s.unreadNotices(of: ["alice", "bob", "carol"])
        }
        #expect(outcomes[0] == outcomes[1])
        #expect(outcomes[0].contains { $0.first == "contract" && $0[1] == "cancel" })
        #expect(outcomes[0].contains { $0[1] == "clear-alerts" })
    }
}
