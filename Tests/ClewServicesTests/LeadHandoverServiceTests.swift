import ClewDomain
import ClewMemoryStore
import ClewServices
import Foundation
import Testing

/// Handing leads over on the in-memory store: the real ``LeadHandoverService``, no file.
/// Assigning and its refusals (all or nothing in bulk), confirming into the first stage,
/// objecting in time and late (seed 004: 需在2小时内反馈至主管), claiming under the daily limit,
/// returning with the lead's work cancelled, and reopening.
@Suite("Lead hand-over use cases (in memory)")
struct LeadHandoverServiceTests {
    typealias Fixture = TaskServiceTests
    typealias Leads = LeadDetailsServiceTests

    /// The clock the store reads: a test moves it on.
    final class Clock: @unchecked Sendable {
        var now = Fixture.now
    }

    static let profiles: [UserProfile] = Fixture.profiles + [
        UserProfile(login: "erin", name: "Erin Xu", role: .rep, supervisor: "bob", regions: ["华东"], capacity: 1),
        UserProfile(login: "tom", name: "Tom Ma", role: .rep, supervisor: "bob", regions: ["华东"],
                    awayUntil: Fixture.now.addingTimeInterval(86_400)),
    ]
    /// Graded B, waiting in screening in 华东.
    static let graded = Leads.lead(5, .screening, owner: nil, grade: .b,
                                   LeadDraft(customer: "嘉兴禾丰农业有限公司", contact: "沈涛", phone: "13655556666", industry: "农业", need: "溯源",
                                             source: "展会", region: "华东"))
    /// Waiting in screening, not graded yet.
    static let ungraded = Leads.lead(6, .screening, owner: nil,
                                     LeadDraft(customer: "湖州天目茶业有限公司", contact: "钱军", phone: "13677778888", industry: "食品", need: "电商",
                                               source: "官网", region: "华东"))
    /// Two leads in 华东's pool.
    static let pooled = [3, 9].map { id in
        var lead = Leads.lead(Int64(id), .pooled, owner: nil, grade: .b,
                              LeadDraft(customer: "南京云帆电子有限公司\(id)", contact: "刘洋", phone: "1395555666\(id)", industry: "制造", need: "排程",
                                        source: "官网", region: "华东"))
        lead.pool = "华东"
        return lead
    }
    /// Erin's one open lead: she is at her capacity of one.
    static let erins = Leads.lead(8, .active, owner: "erin", grade: .a,
                                  LeadDraft(customer: "温州瓯江电器有限公司", contact: "郑凯", phone: "13688889999", industry: "制造", need: "MES",
                                            source: "展会", region: "华东"))

    let clock = Clock()
    let store: InMemoryStore

    init() {
        let clock = clock
        var process = ProcessDefinition.withoutAutomation
        process.pools = [PoolDefinition(name: "华东", scope: .region, values: ["华东"], dailyClaimLimit: 1)]
        store = InMemoryStore(users: Self.profiles, leads: [Leads.alices, Leads.won, Self.graded, Self.ungraded, Self.erins] + Self.pooled,
                              process: process, calendar: .standard(timeZone: Fixture.zone), now: { clock.now })
    }

    func handover(_ login: String) -> LeadHandoverService {
        let profile = Self.profiles.first { $0.login == login }!
        return LeadHandoverService(store: store, actor: ActingUser(profile: profile, team: Set(Self.profiles.filter { $0.supervisor == login }.map(\.login))))
    }

    func lead(_ id: Int64) throws -> Lead { try #require(try store.read { try $0.leads.lead(id: id) }) }

    @Test func aSupervisorAssignsAGradedLeadAndTheAssigneeConfirmsIntoTheFirstStage() throws {
        let number = Self.graded.number.description
        let assigned = try handover("bob").assign(number, to: "carol")
        #expect(assigned.status == .assigned && assigned.owner == "carol" && assigned.version == 2 && assigned.updatedBy == "bob")
        #expect(store.notifications.map { [$0.recipient, $0.kind, $0.body] } == [
            ["carol", "assignment", "bob assigned \(number) 嘉兴禾丰农业有限公司 to you; confirm or object"],
        ])
        #expect(try store.read { try $0.leads.assignment(ofLead: 5) } == LeadAssignment(assignedAt: Fixture.now))
        #expect(try store.read { try $0.leads.lastActor(of: .assign, onLead: 5) } == "bob")
        #expect(try store.read { try $0.users.workload(of: "carol") } == 1)

        clock.now = Fixture.now.addingTimeInterval(600)
        let confirmed = try handover("carol").confirm(number)
        let first = try #require(ProcessDefinition.withoutAutomation.pipeline.firstStage)
        #expect(confirmed.status == .active && confirmed.stage == first.key && confirmed.stageEnteredAt == clock.now)
        let visits = try store.read { try $0.leads.stageVisits(ofLead: 5) }
        #expect(visits.map(\.stage) == [first.key] && visits[0].enteredAt == clock.now && visits[0].exitedAt == nil)
        #expect(visits[0].plannedExitAt != nil, "the first stage's stay is planned by its limit")
        #expect(store.publishedEvents.map(\.event) == [.handedTo("carol"), .enteredStage(first.key)])
        #expect(store.auditTrail.filter { $0.field == "status" }.map { [$0.action, $0.old, $0.new] } == [
            ["assign", "screening", "assigned"], ["confirm", "assigned", "active"],
        ])
    }

    @Test func anUngradedLeadOrAnAssigneeWhoCannotTakeItIsRefusedAndABulkAssignmentIsAllOrNothing() throws {
        let number = Self.graded.number.description
        #expect(throws: LeadError.notGraded(number: Self.ungraded.number.description)) {
            try handover("bob").assign(Self.ungraded.number.description, to: "carol")
        }
        #expect(throws: LeadError.atCapacity(rep: "erin", load: 1, capacity: 1)) { try handover("bob").assign(number, to: "erin") }
        #expect(throws: LeadError.away(rep: "tom", until: Fixture.now.addingTimeInterval(86_400))) { try handover("bob").assign(number, to: "tom") }
        #expect(throws: LeadError.cannotOwnLeads(login: "fred", role: .finance)) { try handover("bob").assign(number, to: "fred") }
        #expect(throws: IdentityError.unknownUser("crol", suggestion: "carol")) { try handover("bob").assign(number, to: "crol") }
        #expect(throws: PermissionError.self) { try handover("alice").assign(number, to: "carol") }
        // The first of the batch would do, the second is refused: neither is assigned.
        #expect(throws: LeadError.notGraded(number: Self.ungraded.number.description)) {
            try handover("bob").assign([(number, "carol"), (Self.ungraded.number.description, "carol")])
        }
        #expect(try lead(5).status == .screening && store.auditTrail.isEmpty && store.notifications.isEmpty && store.publishedEvents.isEmpty)
        _ = try handover("bob").assign(number, to: "carol")
        #expect(throws: LeadError.alreadyAssigned(number: number, to: "carol")) { try handover("bob").assign(number, to: "carol") }
    }

    @Test func anObjectionInTimeGoesBackToScreeningAndTellsWhoeverAssigned() throws {
        let number = Self.graded.number.description
        _ = try handover("bob").assign(number, to: "alice")
        #expect(throws: LeadError.reasonRequired(.objection)) { try handover("alice").object(number, reason: "  ") }
        let objected = try handover("alice").objectOrAsk(number, reason: "不在我的行业")
        guard case let .objected(lead) = objected else { Issue.record("objected in time: \(objected)"); return }
        #expect(lead.status == .screening && lead.owner == nil)
        #expect(store.notifications.last.map { [$0.recipient, $0.kind, $0.body] } == ["bob", "objection", "alice objected to \(number): 不在我的行业"])
        #expect(store.notes(onLead: 5).map { [$0.kind, $0.body] } == [["objection", "不在我的行业"]])
        #expect(store.auditTrail.contains { $0.action == "object-reason" && $0.field == "objection" && $0.new == "不在我的行业" })
        #expect(store.publishedEvents.map(\.event) == [.handedTo("alice"), .objected])
    }

    /// Past `object_within` (two working hours) the objection goes to the assignee's supervisor;
    /// a second waits for that decision, and reassigning the lead withdraws the request.
    @Test func aLateObjectionAsksTheSupervisorAndIsWithdrawnWhenTheLeadChangesHands() throws {
        let number = Self.graded.number.description
        _ = try handover("bob").assign(number, to: "alice")
        clock.now = Fixture.now.addingTimeInterval(7 * 3_600)
        let outcome = try handover("alice").objectOrAsk(number, reason: "客户在华南")
        guard case let .approvalRequested(id, approver, within) = outcome else { Issue.record("late: \(outcome)"); return }
        #expect(approver == "bob" && within == .workingHours(2))
        #expect(try lead(5).status == .assigned && lead(5).owner == "alice", "the lead waits for the supervisor")
        #expect(store.notifications.last?.parameters == ["alice", number, "2 working hours", "客户在华南"])
        #expect(throws: LeadError.awaitingApproval(number: number, approval: id)) { try handover("alice").object(number, reason: "再说一次") }
        _ = try handover("bob").assign(number, to: "carol")
        #expect(try store.read { try $0.approvals.pendingIDs(onLead: 5) }.isEmpty)
        #expect(store.auditTrail.last { $0.entity == "approval" }.map { [$0.action, $0.field, $0.old, $0.new] } == [
            "withdraw", "status", "pending", "withdrawn",
        ])
    }

    @Test func aClaimMakesTheLeadTheRepsAndTheDailyLimitCountsIt() throws {
        let claimed = try handover("alice").claim(Self.pooled[0].number.description)
        #expect(claimed.status == .active && claimed.owner == "alice" && claimed.pool == nil && claimed.stage != nil)
        #expect(try store.read { try $0.leads.assignment(ofLead: 3) } == LeadAssignment(assignedAt: Fixture.now, homePool: "华东"))
        #expect(try store.read { try $0.leads.fromPools(owner: "alice", offset: 0, limit: 10) }.map(\.id) == [3])
        #expect(store.firings.map { [$0.firing.rule, $0.firing.subject, $0.firing.action] } == [["pool.claim:华东", "user:alice", "claim"]])
        #expect(store.firings.first?.outcome == .claimed(by: "alice"))
        #expect(store.publishedEvents.map(\.event) == [.handedTo("alice"), .enteredStage(claimed.stage!)])
        #expect(throws: LeadError.claimLimitReached(pool: "华东", claimed: 1)) { try handover("alice").claim(Self.pooled[1].number.description) }
        // A lead waiting in screening, which bob sees: the lifecycle says why, not the permission.
        #expect(throws: LifecycleError.self, "only a pooled lead is claimed") { try handover("bob").claim(Self.graded.number.description) }
        // Tomorrow the limit starts again.
        clock.now = Fixture.now.addingTimeInterval(86_400)
        #expect(try handover("alice").claim(Self.pooled[1].number.description).owner == "alice")
    }

    @Test func returningCancelsTheLeadsWorkAndPutsItInThePoolItCameFrom() throws {
        let number = Self.pooled[0].number.description
        _ = try handover("alice").claim(number)
        let task = try TaskService(store: store, actor: ActingUser(profile: Fixture.profiles[2])).add(title: "回访", lead: number, assignee: nil, due: nil)
        let approval = try store.write(as: ActingUser(profile: Fixture.profiles[2])) { tx in
            try tx.approvals.insert(NewApproval(leadID: 3, kind: .stageSkip, fromStage: "a", toStage: "b", approver: "bob"))
        }
        #expect(throws: LeadError.reasonRequired(.returning)) { try handover("alice").returnToPool(number, reason: "") }
        clock.now = Fixture.now.addingTimeInterval(3_600)
        let returned = try handover("alice").returnToPool(number, reason: "客户暂无预算")
        #expect(returned.status == .pooled && returned.pool == "华东" && returned.owner == nil && returned.stage == nil)
        #expect(try store.read { try $0.tasks.task(id: task.id) }?.status == .cancelled)
        #expect(try store.read { try $0.approvals.pendingIDs(onLead: 3) }.isEmpty && approval > 0)
        #expect(try store.read { try $0.leads.stageVisits(ofLead: 3) }.map(\.exitedAt) == [clock.now])
        #expect(store.notes(onLead: 3).map { [$0.kind, $0.body] } == [["return", "客户暂无预算"]])
        #expect(store.auditTrail.contains { $0.action == "return-reason" && $0.new == "客户暂无预算" })
        #expect(store.publishedEvents.last?.event == .leftStage(returned.stage ?? ProcessDefinition.withoutAutomation.pipeline.firstStage!.key))
    }

    @Test func aLeadWithNoPoolGoesToThePoolGatheringItsRegion() throws {
        let returned = try handover("alice").returnToPool(Leads.alices.number.description, reason: "转给同事")
        #expect(returned.pool == "华东" && returned.status == .pooled)
        #expect(store.publishedEvents.map(\.event) == [.leftStage("discovery")])
    }

    @Test func aSupervisorReopensALostLeadWithAReason() throws {
        let lost = try LeadHandoverServiceTests.loseAlices(store)
        #expect(throws: LeadError.reasonRequired(.reopening)) { try handover("bob").reopen(lost, reason: " ") }
        let reopened = try handover("bob").reopen(lost, reason: "客户重新询价")
        #expect(reopened.status == .screening && reopened.lostReason == nil && reopened.owner == nil && reopened.stage == nil)
        #expect(store.notes(onLead: 1).last.map { [$0.kind, $0.body] } == ["reopen", "客户重新询价"])
    }

    /// Alice's lead, closed as lost as the store would hold it (closing is not over the ports yet).
    static func loseAlices(_ store: InMemoryStore) throws -> String {
        try store.write(as: ActingUser(profile: Fixture.profiles[2])) { tx in
            let lead = try #require(try tx.leads.lead(id: 1))
            var lost = lead
            lost.status = .lost
            lost.lostReason = .standard[0]
            lost.stage = nil
            return try tx.leads.update(lead, to: lost, as: .lose, storing: []).number.description
        }
    }
}
