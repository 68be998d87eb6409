import ClewDomain
import Foundation
import GRDB

/// Follow-up cadences (跟进节奏): the tasks generated for a lead's grade. One step is open at a
/// time; finishing it (a follow-up by the step's method, or completing the task) schedules the
/// next, and a step with `every` repeats.
enum Cadences {
    /// Replaces the lead's pending cadence with the first step of its grade's cadence — on
    /// assignment, on a claim and on a grade change. Leads without an owner or grade get none.
    static func restart(_ lead: Lead, context: ClewContext, _ m: Mutation) throws {
        let m = m.automated
        try cancelPending(leadID: lead.id, m)
        guard [.assigned, .active].contains(lead.status), let owner = lead.owner,
              let grade = lead.grade ?? lead.suggestedGrade,
              let cadence = context.process.cadence(for: grade), let first = cadence.steps.first else { return }
        let due = first.within.date(after: m.now, on: context.calendar)
        let taskID = try schedule(first, grade: grade, lead: lead, owner: owner, due: due, m)
        try RuleFirings.record("cadence:\(grade)", kind: "cadence", leadID: lead.id, subject: "lead:\(lead.id)",
                               occurrence: "start@\(m.now.storage)", action: "task \(first.key)",
                               outcome: "task #\(taskID) for \(owner), due \(StoreError.timestamp(due))", m)
    }

    /// Cancels the lead's open cadence tasks.
    static func cancelPending(leadID: Int64, _ m: Mutation) throws {
        let ids = try Int64.fetchAll(m.db, sql: "SELECT id FROM task WHERE lead_id = ? AND status = 'open' AND cadence IS NOT NULL",
                                     arguments: [leadID])
        for id in ids { try Tasks.setStatus(id, .cancelled, m) }
    }

    /// A follow-up by `method` was logged: completes the lead's open cadence task for that
    /// method (the earliest due) and schedules the step after it.
    static func followUpLogged(_ lead: Lead, method: FollowUpMethod, context: ClewContext, _ m: Mutation) throws {
        let open = try Row.fetchAll(m.db, sql: """
            SELECT id, cadence FROM task WHERE lead_id = ? AND status = 'open' AND cadence IS NOT NULL ORDER BY due_at, id
            """, arguments: [lead.id])
        for row in open {
            guard let (_, step) = step(named: row["cadence"], in: context.process), step.method == method else { continue }
            let id: Int64 = row["id"]
            try Tasks.setStatus(id, .done, m)
            try advance(afterTask: id, context: context, m)
            return
        }
    }

    /// Schedules the step after the (just completed) cadence task `taskID`, if the lead is
    /// still open, owned, and on the same grade's cadence.
    static func advance(afterTask taskID: Int64, context: ClewContext, _ m: Mutation) throws {
        let m = m.automated
        guard let row = try Row.fetchOne(m.db, sql: "SELECT lead_id, cadence FROM task WHERE id = ?", arguments: [taskID]),
              let key: String = row["cadence"], let leadID: Int64 = row["lead_id"],
              let (cadence, step) = step(named: key, in: context.process),
              let lead = try Lead.fetchAll(m.db, sql: "SELECT \(Lead.selection) FROM lead WHERE id = ?", arguments: [leadID]).first,
              [.assigned, .active].contains(lead.status), let owner = lead.owner,
              (lead.grade ?? lead.suggestedGrade) == cadence.grade else { return }
        let next: CadenceStep
        let within: ProcessDuration
        if let every = step.every {
            (next, within) = (step, every)
        } else if let index = cadence.steps.firstIndex(where: { $0.key == step.key }), index + 1 < cadence.steps.count {
            next = cadence.steps[index + 1]
            within = next.within
        } else {
            return
        }
        let due = within.date(after: m.now, on: context.calendar)
        let id = try schedule(next, grade: cadence.grade, lead: lead, owner: owner, due: due, m)
        try RuleFirings.record("cadence:\(cadence.grade)", kind: "cadence", leadID: lead.id, subject: "lead:\(lead.id)",
                               occurrence: "\(next.key)@\(m.now.storage)#\(taskID)", action: "task \(next.key)",
                               outcome: "task #\(id) for \(owner), due \(StoreError.timestamp(due))", m)
    }

    private static func schedule(_ step: CadenceStep, grade: Grade, lead: Lead, owner: String, due: Date, _ m: Mutation) throws -> Int64 {
        try Tasks.insert(leadID: lead.id, assignee: owner, title: step.title, kind: "cadence", due: due, cadence: "\(grade):\(step.key)", m)
    }

    /// The cadence and step a task's `A:call` key names.
    static func step(named key: String?, in process: ProcessDefinition) -> (CadenceDefinition, CadenceStep)? {
        guard let parts = key?.split(separator: ":", maxSplits: 1), parts.count == 2,
              let grade = Grade(rawValue: String(parts[0])), let cadence = process.cadence(for: grade),
              let step = cadence.steps.first(where: { $0.key == parts[1] }) else { return nil }
        return (cadence, step)
    }
}
