import ClewDomain
import Foundation

/// Working a lead through the pipeline, over the ports (issue 9): moving it between stages
/// (forward once the stage is done, backward freely, a skip or the contract stage by approval,
/// seed 000) and logging follow-ups (跟进记录), whose next action becomes the owner's task. Each
/// runs in one write transaction and publishes what happened for the automation to act on in it.
///
/// A trigger's own move runs ``move(_:to:in:)`` inside the transaction that fired it.
///
/// ```swift
/// let stages = LeadStageService(store: store, actor: rep)
/// _ = try stages.logFollowUp("XL-20261203-001", FollowUpDraft(method: .phone, content: "确认需求", nextAction: "发方案"))
/// _ = try stages.move("XL-20261203-001", to: "proposal")
/// ```
public struct LeadStageService: Sendable {
    let store: any ServiceStore
    /// The user the service acts for.
    public let actor: ActingUser

    public init(store: any ServiceStore, actor: ActingUser) {
        self.store = store
        self.actor = actor
    }

    /// Moves an active lead to another stage. Forward one stage needs the current stage done
    /// (a follow-up logged in it); backward is allowed; a skip files an approval request for
    /// the owner's supervisor unless the actor approves it by making it, and entering the
    /// contract stage may need one under the process file's `[approvals]`.
    ///
    /// - Parameter expectedVersion: the version the mover saw; refused only when the stage was
    ///   changed since.
    /// - Throws: ``ClewDomain/StageMoveError``, ``ClewDomain/LeadError/awaitingApproval(number:approval:)``,
    ///   `PermissionError`.
    public func move(_ number: String, to stageName: String, reason: String? = nil, expectedVersion: Int? = nil) throws -> StageMoveOutcome {
        try store.write(as: actor) { tx in
            let lead = try tx.requireLead(number, for: .move, by: actor, expectedVersion: expectedVersion)
            guard lead.status == .active, let current = lead.stage else { throw StageMoveError.notActive(lead.status) }
            // The stage is done once a follow-up was logged in it since the lead entered it.
            let done = try lead.stageEnteredAt.map { try tx.followUps.anyLogged(onLead: lead.id, inStage: current, since: $0) } ?? false
            let plan = try tx.rules.process.pipeline.planMove(from: current, to: stageName, currentStageDone: done)
            switch plan {
            case let .forward(to), let .skip(to, _):
                if let requested = try contractApproval(lead, from: current, to: to, reason: reason, in: tx) { return requested }
            case .backward: break
            }
            switch plan {
            case let .forward(to), let .backward(to):
                return .moved(try Self.move(lead, to: to, in: tx))
            case let .skip(to, skipping):
                if try LeadApprovers.approvesSkips(of: lead, by: actor, users: tx.users) {
                    try tx.leads.record(.skipApproved, field: "skipped", value: skipping.joined(separator: ","), onLead: lead.id)
                    return .moved(try Self.move(lead, to: to, in: tx))
                }
                let approver = try LeadApprovers.owningSupervisor(of: lead, users: tx.users) ?? tx.users.firstActiveAdmin()
                let id = try LeadApprovers.request(.stageSkip, lead, from: current, to: to, approver: approver, reason: reason, in: tx)
                return .approvalRequested(id: id, approver: approver, skipping: skipping)
            }
        }
    }

    /// Moves `lead` to `stage` now as `tx`'s actor: its stay in the old stage ends and one in the
    /// new begins, the stage's owner is told, ``ClewDomain/DomainEvent/leftStage(_:)`` and
    /// ``ClewDomain/DomainEvent/enteredStage(_:)`` are published, and entering the contract stage
    /// (合同签订) opens the draft contract and publishes ``ClewDomain/DomainEvent/contractSigned``.
    public static func move(_ lead: Lead, to stage: String, in tx: any StoreTransaction) throws -> Lead {
        let pipeline = tx.rules.process.pipeline
        var updated = lead
        try tx.leads.leaveStage(ofLead: lead.id)
        updated.stage = stage
        updated.stageEnteredAt = tx.now
        updated.flags.remove(.stalled)
        try tx.leads.enterStage(stage, ofLead: lead.id, plannedExit: pipeline.plannedExit(of: stage, enteredAt: tx.now, calendar: tx.rules.calendar))
        var moved = try tx.leads.update(lead, to: updated, as: .move, storing: [])
        try noticeStageOwner(moved, entered: stage, in: tx)
        if let old = lead.stage { moved = try tx.publish(.leftStage(old), on: moved) }
        moved = try LeadHandoverService.publishStageEntered(moved, in: tx)
        guard stage == pipeline.contractStage?.key, moved.stage == stage else { return moved }
        _ = try tx.deals.openContract(for: moved)
        return try tx.publish(.contractSigned, on: moved)
    }

    /// Logs a structured follow-up (跟进记录). Its next action becomes a task for the owner (due
    /// when given, else in one working day); the lead's earlier next-action tasks are completed
    /// by it. Keyword tags its text earns (the automation's) are returned.
    ///
    /// - Throws: ``ClewDomain/FollowUpError`` for a follow-up that is not valid,
    ///   ``ClewDomain/LeadError/closed(number:status:work:)``, `PermissionError`.
    public func logFollowUp(_ number: String, _ draft: FollowUpDraft) throws -> FollowUpResult {
        let (record, warnings) = try draft.validate()
        return try store.write(as: actor) { tx in
            let lead = try tx.requireLead(number, for: .followUp, by: actor)
            guard !lead.status.isClosed else {
                throw LeadError.closed(number: lead.number.description, status: lead.status, work: .followUp)
            }
            let followUpID = try tx.followUps.insert(record, onLead: lead.id, inStage: lead.stage)
            try tx.leads.record(.followUp, field: "follow_up", value: String(followUpID), onLead: lead.id)
            for task in try tx.tasks.openIDs(onLead: lead.id, kind: NewTask.Kind.nextAction) { try tx.tasks.close(task, as: .done) }
            var taskID: Int64?
            if let next = record.nextAction {
                let assignee = lead.owner ?? actor.login
                taskID = try tx.tasks.insert(NewTask(leadID: lead.id, assignee: assignee, title: next, kind: NewTask.Kind.nextAction,
                                                     due: record.nextDue ?? tx.rules.calendar.addingWorkingDays(1, to: tx.now)))
                // A task from the automation shows in the inbox by itself; only a person's hand-off is news.
                if assignee != actor.login, !actor.isAutomation {
                    try tx.notify(assignee, kind: "task", leadID: lead.id, body: "\(actor.login) gave you a task: \(next)",
                                  parameters: [actor.login, next])
                }
            }
            var updated = lead
            // A follow-up dated ahead counts from now: it must not hold off the SLA timers and recycling.
            let at = min(record.at, tx.now)
            updated.lastFollowUpAt = max(lead.lastFollowUpAt ?? at, at)
            let logged = try tx.leads.update(lead, to: updated, as: .followUp, storing: [])
            let text = [record.content, record.feedback].compactMap { $0 }.joined(separator: "\n")
            let tagged = try tx.publish(.followedUp(method: record.method, text: text), on: logged)
            return FollowUpResult(followUpID: followUpID, taskID: taskID, warnings: warnings,
                                  tagsAdded: tagged.tags.subtracting(lead.tags).sorted())
        }
    }

    // MARK: - Helpers

    /// Files the contract approval (合同审批) that entering `target` needs under `[approvals]`,
    /// and returns what to tell the actor; nil when the move may go on: nothing is needed, or
    /// the actor approves it by making it (audited as `contract-approved`).
    private func contractApproval(_ lead: Lead, from current: String, to target: String, reason: String?,
                                  in tx: any StoreTransaction) throws -> StageMoveOutcome? {
        let expected = ApprovalPolicy.expectedAmount(of: lead)
        guard target == tx.rules.process.pipeline.contractStage?.key,
              let need = tx.rules.process.approvals.requirement(enteringContract: expected) else { return nil }
        let (byActor, approver) = try LeadApprovers.approves(need.level, on: lead, by: actor, users: tx.users)
        if byActor {
            try tx.leads.record(.contractApproved, field: "approval", value: need.level.rawValue, onLead: lead.id)
            return nil
        }
        let decider = try approver ?? tx.users.firstActiveAdmin()
        let id = try LeadApprovers.request(.contract, lead, from: current, to: target, approver: decider,
                                           reason: [need.amount.map { "expected \($0)" }, reason].compactMap { $0 }.joined(separator: "; "),
                                           amount: expected, in: tx)
        return .contractApprovalRequested(id: id, approver: decider, level: need.level)
    }

    /// `lead` entered `stage`: whoever owns that stage (the lead's rep, or their supervisor for a
    /// supervisor's stage) hears of it unless they moved it themself.
    private static func noticeStageOwner(_ lead: Lead, entered stage: String, in tx: any StoreTransaction) throws {
        guard let definition = tx.rules.process.pipeline.stage(named: stage), let actor = tx.actor else { return }
        let owner: String? = switch definition.owner {
        case .rep: lead.owner
        case .supervisor: try LeadApprovers.owningSupervisor(of: lead, users: tx.users)
        }
        guard let owner else { return }
        try tx.notify(owner, kind: "stage-owner", leadID: lead.id,
                      body: "\(actor.login) moved \(lead.number) into \(definition.englishName), a stage you own",
                      parameters: [actor.login, lead.number.description, stage])
    }
}
