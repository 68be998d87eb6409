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
            let entities = ["lead", "task", "approval", "contract"]
            let before = try s.store.read { tx in try entities.map { try tx.history(of: $0).count } }
            let number = s.claimedNumber.description
            let alice = Self.stages(s, "alice")
            _ = try alice.logFollowUp(number, Self.call("上门演示渠道管理", nextAction: "发送报价"))
            _ = try alice.move(number, to: "proposal")
            _ = try alice.logFollowUp(number, Self.call("报价已发，客户比较中"))
            _ = try alice.move(number, to: "contract", reason: "客户要求尽快签约")
            _ = try Self.stages(s, "bob").move(number, to: "contract")
            return try s.store.read { tx in
                let trails: [[String?]] = try zip(entities, before).flatMap { entity, count in
                    try tx.history(of: entity).dropFirst(count).map { entry -> [String?] in
                        // Records other than leads are numbered by each store's own sequence.
                        [entity == "lead" ? String(entry.entityID) : entity, entry.action, entry.actor, entry.field, entry.old,
                         entry.field == "follow_up" ? "(id)" : entry.new]
                    }
                }
                let notices: [[String?]] = try ["alice", "bob", "carol"].flatMap { login in
                    try NotificationGroup.allCases.flatMap { group in
                        try tx.notifications.unread(for: login, in: group, limit: 20).filter { $0.actor != "admin" }
                            .map { item -> [String?] in [login, item.kind, item.actor, item.body] }
                    }
                }
                let lead = try #require(try tx.leads.lead(number: s.claimedNumber))
                let visits = try tx.leads.stageVisits(ofLead: lead.id).filter { $0.enteredAt >= StoreUnderTest.now }
                return trails + notices + [[lead.stage] + visits.map(\.stage)]
            }
        }
        #expect(outcomes[0] == outcomes[1])
        #expect(outcomes[0].count >= 12, "the set-up did its work")
    }
}
