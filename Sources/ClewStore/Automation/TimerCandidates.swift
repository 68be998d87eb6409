import ClewDomain
import ClewServices
import Foundation
import GRDB

/// A lead one of the tick's timers may be due for, with the facts ``ClewDomain/TimerRule``
/// decides on and the occurrence its firing is keyed by (`assigned@…`, `stage@…`).
package struct LeadTimerCandidate: Sendable {
    package var lead: Lead
    package var occurrence: String
    package var facts: LeadTimerFacts
}

/// A task one of the tick's timers may be due for.
package struct TaskTimerCandidate: Sendable {
    package var id: Int64
    package var leadID: Int64?
    package var assignee: String
    package var title: String
    /// The number of the task's lead, if it has one.
    package var leadNumber: String?
    /// When it is due: its snooze, else its due time.
    package var due: Date
    package var occurrence: String
    package var facts: TaskTimerFacts
}

/// The store's side of the tick (a port of the automation layer): the indexed queries that find
/// what each timer may be due for and that no firing has answered yet. Which of them are due is
/// decided by ``ClewDomain/TimerRule``; this only narrows the search with indexes.
///
/// Every query takes `limit` (the rest of the tick's chunk budget; nil: no limit).
package enum TimerCandidates {
    /// Leads assigned at or before `cutoff` and still unconfirmed, not yet escalated.
    package static func unconfirmedEscalations(before cutoff: Date, limit: Int?, _ m: Mutation) throws -> [LeadTimerCandidate] {
        try leads("""
            SELECT \(Lead.selection), \(assignmentFacts) FROM lead
            WHERE lead.status IN ('assigned','active') AND lead.status = 'assigned' AND lead.assigned_at <= ?
              AND NOT EXISTS (SELECT 1 FROM rule_firing f WHERE f.rule = '\(TimerRule.confirmEscalation.key)'
                              AND f.subject = 'lead:' || lead.id AND f.occurrence = 'assigned@' || lead.assigned_at)
            ORDER BY lead.assigned_at
            """, [cutoff.storage], limit: limit, m)
    }

    /// Leads assigned in (`escalation`, `reminder`] and still unconfirmed, not yet reminded.
    package static func unconfirmedReminders(before reminder: Date, after escalation: Date, limit: Int?, _ m: Mutation) throws -> [LeadTimerCandidate] {
        try leads("""
            SELECT \(Lead.selection), \(assignmentFacts) FROM lead
            WHERE lead.status IN ('assigned','active') AND lead.status = 'assigned' AND lead.assigned_at <= ? AND lead.assigned_at > ?
              AND NOT EXISTS (SELECT 1 FROM rule_firing f WHERE f.rule = '\(TimerRule.confirmReminder.key)'
                              AND f.subject = 'lead:' || lead.id AND f.occurrence = 'assigned@' || lead.assigned_at)
            ORDER BY lead.assigned_at
            """, [reminder.storage, escalation.storage], limit: limit, m)
    }

    /// Leads assigned at or before `cutoff` with no follow-up since, not yet escalated.
    package static func missingFirstFollowUps(before cutoff: Date, limit: Int?, _ m: Mutation) throws -> [LeadTimerCandidate] {
        try leads("""
            SELECT \(Lead.selection), \(assignmentFacts) FROM lead
            WHERE lead.status IN ('assigned','active') AND lead.assigned_at <= ?
              AND (lead.last_follow_up_at IS NULL OR lead.last_follow_up_at < lead.assigned_at)
              AND NOT EXISTS (SELECT 1 FROM rule_firing f WHERE f.rule = '\(TimerRule.firstFollowUp.key)'
                              AND f.subject = 'lead:' || lead.id AND f.occurrence = 'assigned@' || lead.assigned_at)
            ORDER BY lead.assigned_at
            """, [cutoff.storage], limit: limit, m)
    }

    /// Active deals whose open stage visit was planned to end at or before `now`, not yet flagged.
    package static func overrunStageVisits(at now: Date, limit: Int?, _ m: Mutation) throws -> [LeadTimerCandidate] {
        try leads("""
            SELECT \(Lead.selection), \(leadFacts(occurrence: "'stage@' || h.id", visit: "h")) FROM stage_history h CROSS JOIN lead ON lead.id = h.lead_id
            WHERE h.exited_at IS NULL AND h.planned_exit_at <= ? AND lead.status = 'active' AND lead.stage = h.stage
              AND NOT EXISTS (SELECT 1 FROM rule_firing f WHERE f.rule = '\(TimerRule.stalled.key)'
                              AND f.subject = 'lead:' || lead.id AND f.occurrence = 'stage@' || h.id)
            ORDER BY h.planned_exit_at
            """, [now.storage], limit: limit, m)
    }

    /// Open leads from `pool` with neither a follow-up nor an assignment after `cutoff`.
    package static func idlePoolLeads(pool: String, before cutoff: Date, limit: Int?, _ m: Mutation) throws -> [LeadTimerCandidate] {
        try leads("""
            SELECT \(Lead.selection), \(assignmentFacts) FROM lead
            WHERE lead.home_pool = ? AND lead.status IN ('assigned','active')
              AND max(coalesce(lead.last_follow_up_at, 0), coalesce(lead.assigned_at, 0)) <= ?
            ORDER BY lead.id
            """, [pool, cutoff.storage], limit: limit, m)
    }

    /// Open tasks due in (`now`, `horizon`] (by their snooze, else due time), not yet reminded.
    package static func tasksToRemind(dueBy horizon: Date, after now: Date, limit: Int?, _ m: Mutation) throws -> [TaskTimerCandidate] {
        try tasks("""
            SELECT \(taskFacts),
                   coalesce(task.snoozed_until, task.due_at) AS due,
                   'due@' || coalesce(task.snoozed_until, task.due_at) AS occurrence,
                   (SELECT number FROM lead WHERE lead.id = task.lead_id) AS number
            FROM task
            WHERE task.status = 'open' AND task.due_at <= ?
              AND coalesce(task.snoozed_until, task.due_at) > ? AND coalesce(task.snoozed_until, task.due_at) <= ?
              AND NOT EXISTS (SELECT 1 FROM rule_firing f WHERE f.rule = '\(TimerRule.taskReminder.key)'
                              AND f.subject = 'task:' || task.id AND f.occurrence = 'due@' || coalesce(task.snoozed_until, task.due_at))
            ORDER BY due
            """, [horizon.storage, now.storage, horizon.storage], limit: limit, m)
    }

    /// Open tasks due at or before `now` (by their snooze, else due time) not marked overdue yet.
    package static func tasksPastDue(at now: Date, limit: Int?, _ m: Mutation) throws -> [TaskTimerCandidate] {
        try tasks("""
            SELECT \(taskFacts), coalesce(task.snoozed_until, task.due_at) AS due,
                   'due@' || coalesce(task.snoozed_until, task.due_at) AS occurrence,
                   (SELECT number FROM lead WHERE lead.id = task.lead_id) AS number
            FROM task
            WHERE task.status = 'open' AND task.due_at <= ? AND task.overdue_at IS NULL
              AND coalesce(task.snoozed_until, task.due_at) <= ?
            ORDER BY due
            """, [now.storage, now.storage], limit: limit, m)
    }

    /// How many leads the timers watch: every assigned or active lead.
    package static func watchedLeadCount(_ context: ClewContext) throws -> Int {
        try context.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM lead WHERE status IN ('assigned','active')") ?? 0 }
    }

    // MARK: - Decoding

    private static func limited(_ sql: String, _ limit: Int?) -> String {
        limit.map { sql + " LIMIT \(max($0, 0))" } ?? sql
    }

    private static func leads(_ sql: String, _ arguments: StatementArguments, limit: Int?, _ m: Mutation) throws -> [LeadTimerCandidate] {
        try Lead.fetchAll(m.db, sql: limited(sql, limit), arguments: arguments) { row in
            let visit = (row["visit_stage"] as String?).map {
                LeadTimerFacts.OpenStageVisit(stage: $0, plannedExitAt: (row["visit_planned_exit"] as Double?).map(Date.init(storage:)))
            }
            return (occurrence: row["occurrence"] as String, assignedAt: (row["facts_assigned_at"] as Double?).map(Date.init(storage:)),
                    homePool: row["facts_home_pool"] as String?, visit: visit)
        }.map { lead, extra in
            LeadTimerCandidate(lead: lead, occurrence: extra.occurrence, facts: LeadTimerFacts(
                status: lead.status, stage: lead.stage, assignedAt: extra.assignedAt, lastFollowUpAt: lead.lastFollowUpAt,
                homePool: extra.homePool, openVisit: extra.visit))
        }
    }

    private static func tasks(_ sql: String, _ arguments: StatementArguments, limit: Int?, _ m: Mutation) throws -> [TaskTimerCandidate] {
        try Row.fetchAll(m.db, sql: limited(sql, limit), arguments: arguments).map { row in
            TaskTimerCandidate(
                id: row["id"], leadID: row["lead_id"], assignee: row["assignee"], title: row["title"], leadNumber: row["number"],
                due: Date(storage: row["due"]), occurrence: row["occurrence"],
                facts: TaskTimerFacts(status: row["status"], dueAt: (row["due_at"] as Double?).map(Date.init(storage:)),
                                      snoozedUntil: (row["snoozed_until"] as Double?).map(Date.init(storage:)),
                                      createdAt: Date(storage: row["created_at"]),
                                      overdueAt: (row["overdue_at"] as Double?).map(Date.init(storage:))))
        }
    }

    /// The columns beside the lead that its timer facts need, and the firing's occurrence.
    private static func leadFacts(occurrence: String = "'assigned@' || lead.assigned_at", visit: String? = nil) -> String {
        "\(occurrence) AS occurrence, lead.assigned_at AS facts_assigned_at, lead.home_pool AS facts_home_pool, "
            + (visit.map { "\($0).stage AS visit_stage, \($0).planned_exit_at AS visit_planned_exit" } ?? "NULL AS visit_stage, NULL AS visit_planned_exit")
    }

    /// ``leadFacts(occurrence:visit:)`` for the timers that fire once per assignment.
    private static let assignmentFacts = leadFacts()

    /// The task columns a candidate's facts are read from.
    private static let taskFacts = """
        task.id, task.lead_id, task.assignee, task.title, task.status, task.due_at, task.snoozed_until, task.created_at, task.overdue_at
        """
}
