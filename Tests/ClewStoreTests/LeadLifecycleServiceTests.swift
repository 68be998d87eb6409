import ClewDomain
import ClewServices
@testable import ClewStore
import Foundation
import Testing

@Suite("Lead lifecycle through LeadService")
struct LeadLifecycleServiceTests {
    // MARK: - Registering and editing

    @Test func aCompleteLeadGoesStraightToScreening() throws {
        let db = try TemporaryDatabase()
        let lead = try db.addLead(db.draft(phone: "138-0013-8000"), by: "mia")
        #expect(lead.status == .screening)
        #expect(lead.owner == nil)
        #expect(lead.createdBy == "mia")
        #expect(lead.version == 1)
        #expect(lead.details.phone == "138 0013 8000")
        #expect(lead.phoneKey == "+8613800138000")
        #expect(lead.score != nil && lead.suggestedGrade != nil)
        #expect(try db.stored(lead.number).status == .screening)
    }

    @Test func anIncompleteLeadStartsAsNewAndEditingInTheDetailsScreensIt() throws {
        let db = try TemporaryDatabase()
        let lead = try db.addLead(LeadDraft(customer: "宁波瑞丰贸易", phone: db.uniquePhone(), source: "官网注册"))
        #expect(lead.status == .new)
        let edited = try db.leads("admin").edit(lead.number.description,
                                                changes: LeadDraft(contact: "李娜", industry: "零售", need: "需要CRM替换现有Excel管理"))
        #expect(edited.status == .screening)
        #expect(edited.version == 2)
        #expect(edited.details.contact == "李娜")
        #expect(edited.details.customer == "宁波瑞丰贸易")
        // An edit that leaves required fields missing keeps it new.
        let other = try db.addLead(LeadDraft(customer: "苏州天宇电子", phone: db.uniquePhone()))
        let stillNew = try db.leads("admin").edit(other.number.description, changes: LeadDraft(contact: "张强"))
        #expect(stillNew.status == .new)
    }

    @Test func clearingARequiredFieldIsRefusedOrKeepsTheLeadConsistent() throws {
        let db = try TemporaryDatabase()
        let lead = try db.addLead(db.draft(budget: "30-50万"))
        let edited = try db.leads("admin").edit(lead.number.description, changes: LeadDraft(), clearing: [.budget])
        #expect(edited.details.budget == nil)
        #expect(try db.stored(lead.number).details.budget == nil)
    }

    // MARK: - Grading and assigning

    @Test func assigningNeedsAGradeFirst() throws {
        let db = try TemporaryDatabase()
        let number = try db.addLead().number.description
        #expect(throws: LeadError.notGraded(number: number)) { try db.leads("bob").assign(number, to: "alice") }
        do {
            _ = try db.leads("bob").assign(number, to: "alice")
        } catch let error as LeadError {
            #expect(error.description.contains("grade \(number) before assigning"))
        }
        let graded = try db.leads("bob").grade(number, .b, reason: "有预算, 时间未定")
        #expect(graded.grade == .b)
        #expect(graded.status == .screening)
        let assigned = try db.leads("bob").assign(number, to: "alice")
        #expect(assigned.status == .assigned)
        #expect(assigned.owner == "alice")
        let inbox = try db.inbox("alice")
        #expect(inbox.awaitingConfirmation.map(\.number) == [assigned.number])
        #expect(inbox.notifications.contains { $0.kind == "assignment" && $0.leadNumber == number })
    }

    @Test func gradingNeedsAReason() throws {
        let db = try TemporaryDatabase()
        let number = try db.addLead().number.description
        #expect(throws: LeadError.reasonRequired(.grading)) {
            try db.leads("bob").grade(number, .a, reason: "   ")
        }
        #expect(try db.stored(LeadNumber(number)!).grade == nil)
    }

    @Test func assigningToAnAwayUserIsRefused() throws {
        let db = try TemporaryDatabase()
        let number = try db.addLead().number.description
        try db.leads("bob").grade(number, .a, reason: "预算明确")
        try db.users.setAway("alice", until: db.clock.now().addingTimeInterval(3 * 86_400), by: db.actor("bob"))
        #expect(performing: { try db.leads("bob").assign(number, to: "alice") }, throws: { error in
            (error as? LeadError)?.english.contains("alice is away until") == true
        })
        // Back from leave: the assignment goes through.
        try db.users.setAway("alice", until: nil, by: db.actor("alice"))
        #expect(try db.leads("bob").assign(number, to: "alice").owner == "alice")
    }

    @Test func assigningToADeactivatedUserIsRefused() throws {
        let db = try TemporaryDatabase()
        let number = try db.addLead().number.description
        try db.leads("bob").grade(number, .a, reason: "预算明确")
        try db.users.deactivate("carol", handoverTo: "alice", by: db.actor("admin"))
        #expect(throws: UserDirectoryError.deactivated(login: "carol")) { try db.leads("bob").assign(number, to: "carol") }
        #expect(try db.stored(LeadNumber(number)!).owner == nil)
    }

    @Test func assigningToAnUnknownUserSuggestsTheClosestLogin() throws {
        let db = try TemporaryDatabase()
        let number = try db.addLead().number.description
        try db.leads("bob").grade(number, .a, reason: "预算明确")
        #expect(throws: IdentityError.unknownUser("alcie", suggestion: "alice")) { try db.leads("bob").assign(number, to: "alcie") }
    }

    @Test func assigningToAUserAtCapacityIsRefused() throws {
        let db = try TemporaryDatabase()
        try db.users.add(UserProfile(login: "tina", name: "Tina", role: .rep, supervisor: "bob", capacity: 1), by: db.actor("admin"))
        _ = try db.assignedLead(owner: "tina")
        let second = try db.addLead().number.description
        try db.leads("bob").grade(second, .c, reason: "意向一般")
        #expect(performing: { try db.leads("bob").assign(second, to: "tina") }, throws: { error in
            error as? LeadError == .atCapacity(rep: "tina", load: 1, capacity: 1)
        })
    }

    @Test func leadsGoOnlyToRepsAndSupervisors() throws {
        let db = try TemporaryDatabase()
        let number = try db.addLead().number.description
        try db.leads("bob").grade(number, .a, reason: "预算明确")
        #expect(throws: LeadError.cannotOwnLeads(login: "fred", role: .finance)) { try db.leads("bob").assign(number, to: "fred") }
    }

    // MARK: - Confirming and objecting

    @Test func confirmingMakesTheLeadActiveInTheFirstStage() throws {
        let db = try TemporaryDatabase()
        let assigned = try db.assignedLead()
        let number = assigned.number.description
        // Only the assignee answers an assignment.
        #expect(throws: PermissionError.self) { try db.leads("bob").confirm(number) }
        let active = try db.leads("alice").confirm(number)
        #expect(active.status == .active)
        #expect(active.stage == "discovery")
        #expect(active.stageEnteredAt == db.clock.now())
        let detail = try db.leads("alice").detail(number)
        #expect(detail.stages.map(\.stage) == ["discovery"])
        #expect(detail.stages.first?.exitedAt == nil)
        #expect(detail.stages.first?.plannedExitAt != nil)
        // Confirming twice is an illegal transition.
        #expect(throws: LifecycleError.illegalTransition(event: .confirm, from: .active)) { try db.leads("alice").confirm(number) }
    }

    @Test func objectingReturnsTheLeadToScreeningAndTellsTheAssigner() throws {
        let db = try TemporaryDatabase()
        let number = try db.assignedLead().number.description
        #expect(throws: LeadError.reasonRequired(.objection)) { try db.leads("alice").object(number, reason: "") }
        let objected = try db.leads("alice").object(number, reason: "客户在华南, 不在我的区域")
        #expect(objected.status == .screening)
        #expect(objected.owner == nil)
        let bobsInbox = try db.inbox("bob")
        let note = try #require(bobsInbox.notifications.first { $0.kind == "objection" })
        #expect(note.leadNumber == number)
        #expect(note.body.contains("客户在华南"))
        #expect(try db.leads("bob").detail(number).notes.contains { $0.kind == "objection" && $0.body == "客户在华南, 不在我的区域" })
        // No longer hers: she cannot see it, and it left her inbox.
        #expect(try db.inbox("alice").awaitingConfirmation.isEmpty)
        #expect(throws: PermissionError.notVisible(number)) { try db.leads("alice").lead(number) }
    }

    // MARK: - Stages

    @Test func movingForwardNeedsAFollowUpInTheCurrentStage() throws {
        let db = try TemporaryDatabase()
        let number = try db.activeLead().number.description
        let alice = try db.leads("alice")
        #expect(throws: StageMoveError.currentStageNotDone("discovery")) { try alice.move(number, to: "proposal") }
        _ = try alice.logFollowUp(number, db.followUp())
        db.clock.advance(by: 3_600)
        let outcome = try alice.move(number, to: "proposal")
        guard case let .moved(lead) = outcome else { Issue.record("expected a move, got \(outcome)"); return }
        #expect(lead.stage == "proposal")
        #expect(lead.stageEnteredAt == db.clock.now())
        // The follow-up in discovery does not count for proposal.
        #expect(throws: StageMoveError.currentStageNotDone("proposal")) { try alice.move(number, to: "negotiation") }
        let stages = try alice.detail(number).stages
        #expect(stages.map(\.stage) == ["discovery", "proposal"])
        #expect(stages[0].exitedAt == db.clock.now())
        #expect(stages[1].exitedAt == nil)
    }

    @Test func movingBackIsAlwaysAllowed() throws {
        let db = try TemporaryDatabase()
        let number = try db.activeLead().number.description
        let alice = try db.leads("alice")
        _ = try alice.logFollowUp(number, db.followUp())
        _ = try alice.move(number, to: "proposal")
        let back = try alice.move(number, to: "需求沟通")
        #expect(back == .moved(try db.stored(LeadNumber(number)!)))
        #expect(try db.stored(LeadNumber(number)!).stage == "discovery")
        #expect(throws: StageMoveError.alreadyInStage("discovery")) { try alice.move(number, to: "discovery") }
        #expect(throws: StageMoveError.unknownStage("negotation", suggestion: "negotiation")) { try alice.move(number, to: "negotation") }
    }

    @Test func onlyActiveLeadsMove() throws {
        let db = try TemporaryDatabase()
        let number = try db.assignedLead().number.description
        #expect(throws: StageMoveError.notActive(.assigned)) { try db.leads("bob").move(number, to: "proposal") }
    }

    @Test func skippingAStageAsksTheOwnersSupervisorAndApprovalMovesTheLead() throws {
        let db = try TemporaryDatabase()
        let number = try db.activeLead().number.description
        let outcome = try db.leads("alice").move(number, to: "negotiation", reason: "客户已确认方案")
        guard case let .approvalRequested(id, approver, skipping) = outcome else { Issue.record("expected a request, got \(outcome)"); return }
        #expect(approver == "bob")
        #expect(skipping == ["proposal"])
        #expect(try db.stored(LeadNumber(number)!).stage == "discovery")
        let pending = try db.approvals("bob").pending()
        #expect(pending.map(\.id) == [id])
        #expect(pending.first?.reason == "客户已确认方案")
        #expect(try db.inbox("bob").approvals.map(\.id) == [id])
        // A second request while one is pending is refused.
        #expect(throws: LeadError.awaitingApproval(number: number, approval: id)) { try db.leads("alice").move(number, to: "contract") }
        // Only the approver (or an admin) decides.
        #expect(throws: StoreError.self) { try db.approvals("erin").approve(id, comment: nil) }
        #expect(throws: StoreError.self) { try db.approvals("alice").approve(id, comment: nil) }
        let approved = try db.approvals("bob").approve(id, comment: "同意")
        #expect(approved.status == .approved)
        #expect(try db.stored(LeadNumber(number)!).stage == "negotiation")
        #expect(try db.approvals("bob").pending().isEmpty)
        #expect(try db.inbox("alice").notifications.contains { $0.kind == "approval-decided" })
        #expect(throws: ApprovalError.alreadyDecided(id: id, status: .approved)) { try db.approvals("bob").reject(id, comment: "晚了") }
    }

    @Test func rejectingASkipNeedsACommentAndLeavesTheLeadWhereItIs() throws {
        let db = try TemporaryDatabase()
        let number = try db.activeLead().number.description
        guard case let .approvalRequested(id, _, _) = try db.leads("alice").move(number, to: "contract") else {
            Issue.record("expected an approval request"); return
        }
        #expect(throws: LeadError.reasonRequired(.rejecting)) { try db.approvals("bob").reject(id, comment: " ") }
        #expect(try db.approvals("bob").pending().count == 1)
        let rejected = try db.approvals("bob").reject(id, comment: "先做方案呈现")
        #expect(rejected.status == .rejected)
        #expect(rejected.comment == "先做方案呈现")
        #expect(try db.stored(LeadNumber(number)!).stage == "discovery")
    }

    @Test func theOwnersSupervisorSkipsWithoutAsking() throws {
        let db = try TemporaryDatabase()
        let number = try db.activeLead().number.description
        let outcome = try db.leads("bob").move(number, to: "negotiation")
        guard case let .moved(lead) = outcome else { Issue.record("expected a move, got \(outcome)"); return }
        #expect(lead.stage == "negotiation")
        #expect(try db.auditRows(entity: "lead", id: lead.id).first("skip-approved")?.new == "proposal")
    }

    // MARK: - Follow-ups

    @Test func aFollowUpCreatesTheNextActionTaskAndCompletesThePreviousOne() throws {
        let db = try TemporaryDatabase()
        let number = try db.activeLead().number.description
        let alice = try db.leads("alice")
        let first = try alice.logFollowUp(number, db.followUp(next: "发送方案"))
        let firstTask = try #require(first.taskID)
        db.clock.advance(by: 86_400)
        let second = try alice.logFollowUp(number, db.followUp("发送产品方案和报价单,等待客户内部评审", next: "跟进报价反馈"))
        let secondTask = try #require(second.taskID)
        #expect(firstTask != secondTask)
        let tasks = try alice.detail(number).tasks
        let byID = Dictionary(uniqueKeysWithValues: tasks.map { ($0.id, $0) })
        #expect(byID[firstTask]?.status == .done)
        #expect(byID[secondTask]?.status == .open)
        #expect(byID[secondTask]?.title == "跟进报价反馈")
        #expect(byID[secondTask]?.kind == "next-action")
        #expect(byID[secondTask]?.assignee == "alice")
        let detail = try alice.detail(number)
        #expect(detail.followUps.count == 2)
        #expect(detail.followUps.first?.content == "发送产品方案和报价单,等待客户内部评审")
        #expect(detail.lead.lastFollowUpAt == db.clock.now())
    }

    @Test func aFollowUpWithoutANextActionOnlyCompletesThePendingOne() throws {
        let db = try TemporaryDatabase()
        let number = try db.activeLead().number.description
        let alice = try db.leads("alice")
        let first = try alice.logFollowUp(number, db.followUp(next: "发送方案"))
        let second = try alice.logFollowUp(number, db.followUp("客户要求安排技术交流会", next: nil))
        #expect(second.taskID == nil)
        #expect(try alice.detail(number).tasks.first { $0.id == first.taskID }?.status == .done)
    }

    @Test func aVagueFollowUpIsSavedWithAWarning() throws {
        let db = try TemporaryDatabase()
        let number = try db.activeLead().number.description
        let result = try db.leads("alice").logFollowUp(number, db.followUp("已沟通"))
        #expect(!result.warnings.isEmpty)
    }

    // MARK: - Closing

    @Test func winningConvertsIntoCustomerContactAndOpportunity() throws {
        let db = try TemporaryDatabase()
        let lead = try db.activeLead(db.draft(customer: "杭州恒通科技有限公司", contact: "王伟", phone: "13800138000"))
        let number = lead.number.description
        try db.leads("bob").toContract(number)
        let won = try db.leads("alice").win(number, amount: Money(yuan: 380_000))
        #expect(won.status == .won)
        #expect(won.amount == Money(yuan: 380_000))
        #expect(try db.stored(lead.number).amount?.fen == 38_000_000)
        #expect(try db.strings("SELECT name FROM customer WHERE source_lead_id = ?", [lead.id]) == ["杭州恒通科技有限公司"])
        #expect(try db.strings("SELECT name FROM contact WHERE source_lead_id = ?", [lead.id]) == ["王伟"])
        #expect(try db.count("SELECT amount_fen FROM opportunity WHERE lead_id = ?", [lead.id]) == 38_000_000)
        #expect(try db.strings("SELECT owner FROM opportunity WHERE lead_id = ?", [lead.id]) == ["alice"])
        // The supervisor hears about it; the history stays readable.
        #expect(try db.inbox("bob").notifications.contains { $0.kind == "won" && $0.leadNumber == number })
        #expect(try db.leads("alice").detail(number).history.contains { $0.action == "win" })
        #expect(throws: LifecycleError.illegalTransition(event: .win, from: .won)) { try db.leads("alice").win(number, amount: Money(yuan: 1)) }
    }

    @Test func winningAnUnconfirmedLeadOrForNothingIsRefused() throws {
        let db = try TemporaryDatabase()
        let assigned = try db.assignedLead().number.description
        #expect(throws: LifecycleError.illegalTransition(event: .win, from: .assigned)) { try db.leads("alice").win(assigned, amount: Money(yuan: 10)) }
        let active = try db.activeLead().number.description
        #expect(throws: ConversionError.self) { try db.leads("alice").win(active, amount: .zero) }
        #expect(try db.stored(LeadNumber(active)!).status == .active)
        #expect(try db.count("SELECT count(*) FROM opportunity") == 0)
    }

    @Test func losingNeedsAReasonAndCancelsOpenTasks() throws {
        let db = try TemporaryDatabase()
        let lead = try db.activeLead()
        let number = lead.number.description
        let taskID = try #require(try db.leads("alice").logFollowUp(number, db.followUp()).taskID)
        let manual = try db.tasks("alice").add(title: "准备报价单", lead: number, assignee: nil, due: nil)
        let lost = try db.leads("alice").lose(number, reason: .choseCompetitor)
        #expect(lost.status == .lost)
        #expect(lost.lostReason == .choseCompetitor)
        let statuses = try db.strings("SELECT status FROM task WHERE id IN (?, ?)", [taskID, manual.id])
        #expect(statuses == ["cancelled", "cancelled"])
        #expect(try db.inbox("alice").upcoming.isEmpty)
        // No follow-ups on a closed lead.
        #expect(throws: LeadError.closed(number: number, status: .lost, work: .followUp)) { try db.leads("alice").logFollowUp(number, db.followUp()) }
    }

    @Test func reopeningALostLeadSendsItBackToScreening() throws {
        let db = try TemporaryDatabase()
        let number = try db.activeLead().number.description
        try db.leads("alice").lose(number, reason: .insufficientBudget)
        #expect(throws: PermissionError.self) { try db.leads("alice").reopen(number, reason: "客户预算批下来了") }
        #expect(throws: LeadError.reasonRequired(.reopening)) { try db.leads("bob").reopen(number, reason: "") }
        let reopened = try db.leads("bob").reopen(number, reason: "客户预算批下来了")
        #expect(reopened.status == .screening)
        #expect(reopened.owner == nil)
        #expect(reopened.lostReason == nil)
        #expect(reopened.stage == nil)
        // It can be assigned again.
        #expect(try db.leads("bob").assign(number, to: "carol").status == .assigned)
    }

    // MARK: - Pools

    @Test func returningToThePoolAndClaimingFromIt() throws {
        let db = try TemporaryDatabase()
        let number = try db.activeLead(db.draft(region: "华东")).number.description
        _ = try db.leads("alice").logFollowUp(number, db.followUp())
        #expect(throws: LeadError.reasonRequired(.returning)) { try db.leads("alice").returnToPool(number, reason: "") }
        let pooled = try db.leads("alice").returnToPool(number, reason: "多次联系不上")
        #expect(pooled.status == .pooled)
        #expect(pooled.pool == "华东")
        #expect(pooled.owner == nil)
        #expect(pooled.stage == nil)
        #expect(try db.leads("bob").detail(number).tasks.allSatisfy { $0.status != .open })
        // dave covers 华南: the 华东 pool is invisible to him.
        #expect(throws: PermissionError.notVisible(number)) { try db.leads("dave").claim(number) }
        // carol covers 华东 and claims it.
        #expect(try db.leads("carol").list(LeadQuery(statuses: [.pooled])).map(\.number.description) == [number])
        let claimed = try db.leads("carol").claim(number)
        #expect(claimed.status == .active)
        #expect(claimed.owner == "carol")
        #expect(claimed.stage == "discovery")
        #expect(claimed.pool == nil)
        // Claiming it again is refused…
        var again: (any Error)?
        do { _ = try db.leads("carol").claim(number) } catch { again = error }
        #expect(again != nil)
        #expect(try db.stored(LeadNumber(number)!).version == claimed.version)
        // …with the lifecycle reason, not a permission message.
        #expect(again is LifecycleError, "\(again.map { "\($0)" } ?? "no error")")
    }

    @Test func aLeadWithoutARegionReturnsToItsIndustryPool() throws {
        let db = try TemporaryDatabase()
        let number = try db.activeLead(db.draft(industry: "制造业", region: nil, city: nil)).number.description
        let pooled = try db.leads("alice").returnToPool(number, reason: "不在我的区域")
        #expect(pooled.pool == "制造业")
        // alice covers 制造业, so she still sees it in her pool.
        #expect(try db.leads("alice").lead(number).status == .pooled)
    }
}
