import ClewDomain
import ClewServices
import Foundation
import Testing

/// What every store must do for a lead changing hands, run on each engine: the hand-over's
/// time and home pool kept with the lead, who last assigned it, the owner's workload, stage
/// stays opened and closed, open tasks and pending approvals found and withdrawn — and the same
/// hand-overs (``LeadHandoverService``) leaving the same trail and notices on both.
@Suite("Ports: lead hand-over")
struct LeadHandoverConformanceTests {
    static func handover(_ s: StoreUnderTest, _ login: String) -> LeadHandoverService {
        LeadHandoverService(store: s.store, actor: s.actor(login))
    }

    @Test(arguments: StoreUnderTest.Engine.allCases)
    func theHandOverIsKeptWithTheLeadAndItsWorkIsWithdrawnWhenItIsReturned(_ engine: StoreUnderTest.Engine) throws {
        let s = try StoreUnderTest(engine)
        let number = s.screeningNumber.description
        #expect(try s.store.read { tx in try tx.leads.assignment(ofLead: tx.leads.lead(number: s.claimedNumber)!.id) }
            == LeadAssignment(assignedAt: StoreUnderTest.at(-200), homePool: "华东"), "alice claimed it from 华东's pool")
        #expect(try s.store.read { try $0.users.workload(of: "carol") } == 1)

        _ = try LeadGradingService(store: s.store, actor: s.actor("bob")).grade(number, .b, reason: "需求明确")
        let assigned = try Self.handover(s, "bob").assign(number, to: "carol")
        try s.store.read { tx throws in
            #expect(try tx.leads.assignment(ofLead: assigned.id) == LeadAssignment(assignedAt: StoreUnderTest.now))
            #expect(try tx.leads.lastActor(of: .assign, onLead: assigned.id) == "bob")
            #expect(try tx.leads.lastActor(of: .claim, onLead: assigned.id) == nil)
            #expect(try tx.users.workload(of: "carol") == 2)
        }
        let confirmed = try Self.handover(s, "carol").confirm(number)
        let first = try #require(ProcessDefinition.withoutAutomation.pipeline.firstStage)
        let planned = ProcessDefinition.withoutAutomation.pipeline.plannedExit(of: first.key, enteredAt: StoreUnderTest.now,
                                                                              calendar: .standard(timeZone: StoreUnderTest.zone))
        #expect(try s.store.read { try $0.leads.stageVisits(ofLead: confirmed.id) }
            == [StageVisit(stage: first.key, enteredAt: StoreUnderTest.now, plannedExitAt: planned)])

        let carol = s.actor("carol")
        let (task, approval) = try s.store.write(as: carol) { tx in
            (try tx.tasks.insert(NewTask(leadID: confirmed.id, assignee: "carol", title: "回访", kind: "manual")),
             try tx.approvals.insert(NewApproval(leadID: confirmed.id, kind: .stageSkip, fromStage: first.key, toStage: "contract", approver: "bob")))
        }
        #expect(try s.store.read { tx in [try tx.tasks.openIDs(onLead: confirmed.id), try tx.approvals.pendingIDs(onLead: confirmed.id)] } == [[task], [approval]])
        let returned = try Self.handover(s, "carol").returnToPool(number, reason: "不在我的行业")
        #expect(returned.status == .pooled && returned.pool == "华东")
        try s.store.read { tx throws in
            #expect(try tx.tasks.openIDs(onLead: confirmed.id).isEmpty && tx.tasks.task(id: task)?.status == .cancelled)
            #expect(try tx.approvals.pendingIDs(onLead: confirmed.id).isEmpty)
            #expect(try tx.leads.stageVisits(ofLead: confirmed.id).map(\.exitedAt) == [StoreUnderTest.now])
            #expect(try tx.users.workload(of: "carol") == 1)
            #expect(try tx.history(of: "approval").last.map { [$0.action, $0.field, $0.old, $0.new] } == ["withdraw", "status", "pending", "withdrawn"])
        }
    }

    /// Not per engine: the same hand-overs on both stores, their trails (lead, task, approval)
    /// and notices compared row for row.
    @Test func theSameHandOversLeaveTheSameTrailAndNoticesOnBothStores() throws {
        let outcomes = try StoreUnderTest.Engine.allCases.map { engine -> [[String?]] in
            let s = try StoreUnderTest(engine)
            let marks = try s.auditMarks(["lead", "task", "approval"])
            let number = s.screeningNumber.description
            _ = try LeadGradingService(store: s.store, actor: s.actor("bob")).grade(number, .a, reason: "预算已批")
            _ = try Self.handover(s, "bob").assign(number, to: "alice")
            _ = try Self.handover(s, "alice").object(number, reason: "客户在华南")
            _ = try Self.handover(s, "bob").assign([(number, "carol"), (s.assignedNumber.description, "alice")])
            let lead = try Self.handover(s, "carol").confirm(number)
            _ = try s.store.write(as: s.actor("carol")) { tx in
                try tx.tasks.insert(NewTask(leadID: lead.id, assignee: "carol", title: "回访", kind: "manual"))
            }
            _ = try Self.handover(s, "carol").returnToPool(number, reason: "客户暂无预算")
            _ = try Self.handover(s, "alice").claim([number, s.pooledNumber.description])
            let work = try s.trails(since: marks) + s.unreadNotices(of: ["alice", "bob", "carol"])
            return try s.store.read { tx throws in
                let claimed = try #require(try tx.leads.lead(number: s.screeningNumber))
                let assignment = try tx.leads.assignment(ofLead: claimed.id)
                let stored: [String?] = [String(claimed.version), claimed.owner, claimed.stage, assignment.homePool,
                                         assignment.assignedAt.map { String($0.timeIntervalSince1970) },
                                         String(try tx.leads.stageVisits(ofLead: claimed.id).count)]
                return work + [stored]
            }
        }
        #expect(outcomes[0] == outcomes[1])
        #expect(outcomes[0].count > 20, "the set-up did its work")
    }
}
