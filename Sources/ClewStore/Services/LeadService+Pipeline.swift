import ClewDomain
import ClewServices
import Foundation
import GRDB

// MARK: - Stages and follow-ups

extension LeadService {
    /// The old name of ``StageMoveOutcome``, for callers of the service.
    public typealias MoveOutcome = ClewServices.StageMoveOutcome

    /// Moves an active lead to another stage. Forward one stage needs the current stage done
    /// (a follow-up logged in it); backward is allowed; a skip files an approval request for
    /// the owner's supervisor unless the actor is that supervisor or an admin.
    public func move(_ number: String, to stageName: String, reason: String? = nil, expectedVersion: Int? = nil) throws -> MoveOutcome {
        try context.mutate(as: actor) { m in
            let lead = try LeadLookup.require(m, number, for: .move, expectedVersion: expectedVersion)
            guard lead.status == .active, let current = lead.stage else { throw StageMoveError.notActive(lead.status) }
            let done = try StageTracking.isDone(lead, m.db)
            let plan = try context.pipeline.planMove(from: current, to: stageName, currentStageDone: done)
            switch plan {
            case let .forward(to), let .skip(to, _):
                if let requested = try contractApproval(lead, from: current, to: to, reason: reason, m) { return requested }
            case .backward: break
            }
            switch plan {
            case let .forward(to), let .backward(to):
                return .moved(try moveNow(lead, to: to, m))
            case let .skip(to, skipping):
                let supervisor = try owningSupervisor(of: lead, m.db)
                if try approvesSkips(of: lead, m.db) {
                    try m.audit("skip-approved", entity: "lead", id: lead.id, field: "skipped", new: skipping.joined(separator: ","))
                    return .moved(try moveNow(lead, to: to, m))
                }
                let approver = try supervisor ?? Approvals.anyAdmin(m.db)
                let id = try Approvals.requestSkip(lead, from: current, to: to, approver: approver, reason: reason, m)
                return .approvalRequested(id: id, approver: approver, skipping: skipping)
            }
        }
    }

    /// Moves `lead` to `stage` now, firing `stage-left` and `stage-entered` (at `depth` when a
    /// trigger moved it), and `contract-signed` on entering the contract stage (合同签订).
    package func moveNow(_ lead: Lead, to stage: String, _ m: Mutation, depth: Int = 0) throws -> Lead {
        var updated = lead
        try StageTracking.close(lead, m)
        updated.stage = stage
        updated.stageEnteredAt = m.now
        updated.flags.remove(.stalled)
        try StageTracking.open(lead.id, stage: stage, context: context, m)
        var moved = try m.update(lead, to: updated, action: .move)
        try noticeStageOwner(moved, entered: stage, m)
        if let old = lead.stage { moved = try context.publish(.leftStage(old), on: moved, depth: depth, m) }
        moved = try firedStageEntered(moved, m, depth: depth)
        guard stage == context.pipeline.contractStage?.key, moved.stage == stage else { return moved }
        try Contracts.open(for: moved, context: context, m)
        return try context.publish(.contractSigned, on: moved, depth: depth, m)
    }

    /// The old name of ``FollowUpResult``, for callers of the service.
    public typealias FollowUpResult = ClewServices.FollowUpResult

    /// Logs a structured follow-up (跟进记录). Its next action becomes a task for the owner; the
    /// lead's earlier next-action tasks are completed by it.
    public func logFollowUp(_ number: String, _ draft: FollowUpDraft) throws -> FollowUpResult {
        let (record, warnings) = try draft.validate()
        return try context.mutate(as: actor) { m in
            let lead = try LeadLookup.require(m.db, number, for: .followUp, by: actor)
            guard !lead.status.isClosed else {
                throw LeadError.closed(number: lead.number.description, status: lead.status, work: .followUp)
            }
            try m.db.execute(
                sql: """
                    INSERT INTO follow_up (lead_id, at, author, method, contact_person, content, feedback, next_action, next_due, stage, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [lead.id, record.at.storage, actor.login, record.method.rawValue, record.contactPerson, record.content,
                            record.feedback, record.nextAction, record.nextDue?.storage, lead.stage, m.now.storage])
            let followUpID = m.db.lastInsertedRowID
            try RepSLAOutcomes.record(.followedUp, leadID: lead.id, at: record.at, sla: context.process.sla, calendar: context.calendar, m.db)
            try m.audit("follow-up", entity: "lead", id: lead.id, field: "follow_up", new: String(followUpID))
            try Tasks.completeOpen(leadID: lead.id, kind: "next-action", m)
            var taskID: Int64?
            if let next = record.nextAction {
                let due = record.nextDue ?? context.calendar.addingWorkingDays(1, to: m.now)
                taskID = try Tasks.insert(leadID: lead.id, assignee: lead.owner ?? actor.login, title: next,
                                          kind: "next-action", due: due, m)
            }
            var updated = lead
            // A follow-up dated ahead counts from now: it must not hold off the SLA timers and recycling.
            let at = min(record.at, m.now)
            updated.lastFollowUpAt = max(lead.lastFollowUpAt ?? at, at)
            let logged = try m.update(lead, to: updated, action: .followUp)
            let text = [record.content, record.feedback].compactMap { $0 }.joined(separator: "\n")
            let tagged = try context.publish(.followedUp(method: record.method, text: text), on: logged, m)
            return FollowUpResult(followUpID: followUpID, taskID: taskID, warnings: warnings,
                                  tagsAdded: tagged.tags.subtracting(lead.tags).sorted())
        }
    }
}

/// Planned vs actual dates per stage (stage tracking).
enum StageTracking {
    static func open(_ leadID: Int64, stage: String, context: ClewContext, _ m: Mutation) throws {
        let planned = context.pipeline.plannedExit(of: stage, enteredAt: m.now, calendar: context.calendar)
        try enter(stage, leadID: leadID, plannedExit: planned, sla: context.process.sla, calendar: context.calendar, m)
    }

    /// Opens lead `leadID`'s stay in `stage`, now, and counts it as the assignment's confirmation
    /// in the SLA summary when it is the first since the hand-over.
    static func enter(_ stage: String, leadID: Int64, plannedExit: Date?, sla: SLAPolicy, calendar: WorkingCalendar, _ m: Mutation) throws {
        try m.db.execute(
            sql: "INSERT INTO stage_history (lead_id, stage, entered_at, planned_exit_at, entered_by) VALUES (?, ?, ?, ?, ?)",
            arguments: [leadID, stage, m.now.storage, plannedExit?.storage, m.actor.login])
        try RepSLAOutcomes.record(.confirmed, leadID: leadID, at: m.now, sla: sla, calendar: calendar, m.db)
    }

    static func close(_ lead: Lead, _ m: Mutation) throws {
        try close(leadID: lead.id, m)
    }

    /// Ends lead `leadID`'s open stay, now.
    static func close(leadID: Int64, _ m: Mutation) throws {
        try m.db.execute(sql: "UPDATE stage_history SET exited_at = ? WHERE lead_id = ? AND exited_at IS NULL",
                         arguments: [m.now.storage, leadID])
    }

    /// A stage is done once a follow-up was logged in it since the lead entered it.
    static func isDone(_ lead: Lead, _ db: Database) throws -> Bool {
        guard let stage = lead.stage, let entered = lead.stageEnteredAt else { return false }
        return try Bool.fetchOne(
            db, sql: "SELECT EXISTS (SELECT 1 FROM follow_up WHERE lead_id = ? AND stage = ? AND created_at >= ?)",
            arguments: [lead.id, stage, entered.storage]) ?? false
    }
}
