import ClewDomain
import ClewServices
import Foundation
import GRDB

// MARK: - Stages and follow-ups

extension LeadService {
    /// The old name of ``StageMoveOutcome``, for callers of the service.
    public typealias MoveOutcome = ClewServices.StageMoveOutcome

    /// Moves an active lead to another stage
    /// (``ClewServices/LeadStageService/move(_:to:reason:expectedVersion:)`` on this database).
    public func move(_ number: String, to stageName: String, reason: String? = nil, expectedVersion: Int? = nil) throws -> MoveOutcome {
        try stages.move(number, to: stageName, reason: reason, expectedVersion: expectedVersion)
    }

    /// The old name of ``FollowUpResult``, for callers of the service.
    public typealias FollowUpResult = ClewServices.FollowUpResult

    /// Logs a structured follow-up (跟进记录) (``ClewServices/LeadStageService/logFollowUp(_:_:)``).
    public func logFollowUp(_ number: String, _ draft: FollowUpDraft) throws -> FollowUpResult {
        try stages.logFollowUp(number, draft)
    }

    /// The pipeline use cases over this database's ports.
    private var stages: LeadStageService { LeadStageService(context: context, actor: actor) }
}

/// Planned vs actual dates per stage (stage tracking).
enum StageTracking {
    /// Opens lead `leadID`'s stay in `stage`, now, and counts it as the assignment's confirmation
    /// in the SLA summary when it is the first since the hand-over.
    static func enter(_ stage: String, leadID: Int64, plannedExit: Date?, sla: SLAPolicy, calendar: WorkingCalendar, _ m: Mutation) throws {
        try m.db.execute(
            sql: "INSERT INTO stage_history (lead_id, stage, entered_at, planned_exit_at, entered_by) VALUES (?, ?, ?, ?, ?)",
            arguments: [leadID, stage, m.now.storage, plannedExit?.storage, m.actor.login])
        try RepSLAOutcomes.record(.confirmed, leadID: leadID, at: m.now, sla: sla, calendar: calendar, m.db)
    }

    /// Ends lead `leadID`'s open stay, now.
    static func close(leadID: Int64, _ m: Mutation) throws {
        try m.db.execute(sql: "UPDATE stage_history SET exited_at = ? WHERE lead_id = ? AND exited_at IS NULL",
                         arguments: [m.now.storage, leadID])
    }
}
