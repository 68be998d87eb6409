import ClewDomain
import ClewMemoryStore
import ClewServices
import Foundation
import Testing

/// Working a lead through the pipeline on the in-memory store: the real ``LeadStageService``,
/// no file. A stage is done by a follow-up logged in it; the follow-up's next action becomes the
/// owner's task and the next follow-up completes it; a skip and the contract stage go by
/// approval unless the actor gives it (seed 000: 提交申请并经上级审批后执行).
@Suite("Lead stage use cases (in memory)")
struct LeadStageServiceTests {
    typealias Fixture = TaskServiceTests
    typealias Leads = LeadDetailsServiceTests

    let store: InMemoryStore

    init() {
        var process = ProcessDefinition.withoutAutomation
        process.approvals = ApprovalPolicy(contractStage: true)
        // In discovery since yesterday.
        var alices = Leads.alices
        alices.stageEnteredAt = Fixture.now.addingTimeInterval(-86_400)
        store = InMemoryStore(users: Fixture.profiles, leads: [alices, Leads.won], process: process,
                              calendar: .standard(timeZone: Fixture.zone), now: { Fixture.now })
    }

    func stages(_ login: String) -> LeadStageService {
        LeadStageService(store: store, actor: Fixture.actor(login))
    }

    static let number = Leads.alices.number.description

    static func call(nextAction: String? = nil) -> FollowUpDraft {
        FollowUpDraft(at: Fixture.now, method: .phone, contactPerson: "李强", content: "确认MES需求范围，客户关注排产模块", nextAction: nextAction)
    }

    @Test func aStageIsDoneByAFollowUpInItAndItsNextActionIsTheOwnersTask() throws {
        #expect(throws: StageMoveError.currentStageNotDone("discovery")) { try stages("alice").move(Self.number, to: "proposal") }
        let logged = try stages("alice").logFollowUp(Self.number, Self.call(nextAction: "发送方案"))
        let taskID = try #require(logged.taskID)
        let task = try #require(try store.read { try $0.tasks.task(id: taskID) })
        #expect(task.assignee == "alice" && task.kind == NewTask.Kind.nextAction && task.title == "发送方案")
        #expect(task.dueAt == WorkingCalendar.standard(timeZone: Fixture.zone).addingWorkingDays(1, to: Fixture.now))
        #expect(store.followUps(onLead: 1).map { [$0.author, $0.stage, $0.content] } == [["alice", "discovery", "确认MES需求范围，客户关注排产模块"]])
        #expect(store.auditTrail.contains { $0.action == "follow-up" && $0.field == "follow_up" && $0.new == String(logged.followUpID) })
        #expect(try store.read { try $0.leads.lead(id: 1)?.lastFollowUpAt } == Fixture.now)

        guard case let .moved(moved) = try stages("alice").move(Self.number, to: "proposal") else { Issue.record("moved"); return }
        #expect(moved.stage == "proposal" && moved.stageEnteredAt == Fixture.now)
        #expect(try store.read { try $0.leads.stageVisits(ofLead: 1) }.map(\.stage) == ["proposal"])
        #expect(store.publishedEvents.map(\.event).suffix(2) == [.leftStage("discovery"), .enteredStage("proposal")])
        // The next follow-up does the pending next action.
        _ = try stages("alice").logFollowUp(Self.number, Self.call())
        #expect(try store.read { try $0.tasks.task(id: taskID) }?.status == .done)
    }

    @Test func aRepsSkipAsksTheSupervisorWhoSkipsThemself() throws {
        _ = try stages("alice").logFollowUp(Self.number, Self.call())
        let outcome = try stages("alice").move(Self.number, to: "negotiation", reason: "客户已看过方案")
        guard case let .approvalRequested(id, approver, skipping) = outcome else { Issue.record("asked: \(outcome)"); return }
        #expect(approver == "bob" && skipping == ["proposal"])
        #expect(store.notifications.last.map { [$0.recipient, $0.kind, $0.body] }
            == ["bob", "approval", "alice asks to move \(Self.number) from discovery to negotiation: 客户已看过方案"])
        #expect(throws: LeadError.awaitingApproval(number: Self.number, approval: id)) { try stages("alice").move(Self.number, to: "negotiation") }
        guard case let .moved(moved) = try stages("bob").move(Self.number, to: "negotiation") else { Issue.record("bob skips"); return }
        #expect(moved.stage == "negotiation")
        #expect(store.auditTrail.contains { $0.action == "skip-approved" && $0.new == "proposal" && $0.actor == "bob" })
    }

    /// Entering the contract stage (合同签订, the supervisor's) needs the supervisor under
    /// `[approvals] contract_stage`; the supervisor's own move is the approval, opens the draft
    /// contract and tells nobody (the stage is theirs).
    @Test func theContractStageTakesTheSupervisorsApprovalAndOpensTheContract() throws {
        for (from, to) in [("discovery", "proposal"), ("proposal", "negotiation")] {
            _ = try stages("alice").logFollowUp(Self.number, Self.call())
            guard case .moved = try stages("alice").move(Self.number, to: to) else { Issue.record("\(from) → \(to)"); return }
        }
        _ = try stages("alice").logFollowUp(Self.number, Self.call())
        let asked = try stages("alice").move(Self.number, to: "contract")
        guard case let .contractApprovalRequested(_, approver, level) = asked else { Issue.record("asked: \(asked)"); return }
        #expect(approver == "bob" && level == .supervisor)
        let notices = store.notifications.count
        guard case let .moved(moved) = try stages("bob").move(Self.number, to: "contract") else { Issue.record("bob moves"); return }
        #expect(moved.stage == "contract" && store.notifications.count == notices)
        #expect(store.auditTrail.contains { $0.action == "contract-approved" && $0.new == "supervisor" })
        #expect(store.auditTrail.last { $0.entity == "contract" }.map { [$0.action, $0.field, $0.new] } == ["open", "number", Contract.number(forLead: Self.number)])
        #expect(store.publishedEvents.last?.event == .contractSigned)
    }

    @Test func aClosedLeadTakesNoFollowUpAndAnInvisibleOneIsNotThere() throws {
        #expect(throws: LeadError.closed(number: Leads.won.number.description, status: .won, work: .followUp)) {
            try stages("alice").logFollowUp(Leads.won.number.description, Self.call())
        }
        #expect(throws: PermissionError.self) { try stages("dave").logFollowUp(Self.number, Self.call()) }
        #expect(throws: PermissionError.self) { try stages("dave").move(Self.number, to: "proposal") }
        #expect(store.auditTrail.isEmpty && store.followUps(onLead: 1).isEmpty)
    }
}
