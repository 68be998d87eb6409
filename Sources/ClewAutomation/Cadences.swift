import ClewDomain
import ClewServices
import ClewStore
import Foundation

/// Follow-up cadences (跟进节奏): the tasks generated for a lead's grade. One step is open at a
/// time; finishing it (a follow-up by the step's method, or completing the task) schedules the
/// next, and a step with `every` repeats.
enum Cadences {
    /// Replaces the lead's pending cadence with the first step of its grade's cadence — on
    /// assignment, on a claim and on a grade change. Leads without an owner or grade get none.
    static func restart(_ lead: Lead, context: ClewContext, _ m: Mutation) throws {
        let m = m.automated
        try cancelPending(leadID: lead.id, m)
        guard let first = CadencePlan.start(for: facts(lead), process: context.process, now: m.now, calendar: context.calendar),
              let owner = lead.owner else { return }
        let taskID = try schedule(first, lead: lead, owner: owner, m)
        try RuleFirings.record("cadence:\(first.grade)", kind: .cadence, leadID: lead.id, subject: "lead:\(lead.id)",
                               occurrence: "start@\(m.now.storage)", action: "task \(first.step.key)",
                               outcome: .taskScheduled(id: taskID, for: owner, due: StoreError.timestamp(first.due)), m)
    }

    /// Cancels the lead's open cadence tasks.
    static func cancelPending(leadID: Int64, _ m: Mutation) throws {
        for task in try Tasks.openCadenceTasks(leadID: leadID, m) { try Tasks.setStatus(task.id, .cancelled, m) }
    }

    /// A follow-up by `method` was logged: completes the lead's open cadence task for that
    /// method (the earliest due) and schedules the step after it.
    static func followUpLogged(_ lead: Lead, method: FollowUpMethod, context: ClewContext, _ m: Mutation) throws {
        let open = try Tasks.openCadenceTasks(leadID: lead.id, m)
        guard let index = CadencePlan.fulfilled(by: method, open: open.map(\.step), process: context.process) else { return }
        let id = open[index].id
        try Tasks.setStatus(id, .done, m)
        try advance(afterTask: id, context: context, m)
    }

    /// Schedules the step after the (just completed) cadence task `taskID`, if the lead is
    /// still open, owned, and on the same grade's cadence.
    static func advance(afterTask taskID: Int64, context: ClewContext, _ m: Mutation) throws {
        let m = m.automated
        guard let (leadID, completed) = try Tasks.cadenceStep(ofTask: taskID, m),
              let lead = try LeadLookup.fetch(id: leadID, m), let owner = lead.owner,
              let next = CadencePlan.next(after: completed, for: facts(lead), process: context.process, now: m.now, calendar: context.calendar)
        else { return }
        let id = try schedule(next, lead: lead, owner: owner, m)
        try RuleFirings.record("cadence:\(next.grade)", kind: .cadence, leadID: lead.id, subject: "lead:\(lead.id)",
                               occurrence: "\(next.step.key)@\(m.now.storage)#\(taskID)", action: "task \(next.step.key)",
                               outcome: .taskScheduled(id: id, for: owner, due: StoreError.timestamp(next.due)), m)
    }

    private static func facts(_ lead: Lead) -> CadencePlan.LeadFacts {
        CadencePlan.LeadFacts(status: lead.status, owner: lead.owner, grade: lead.grade ?? lead.suggestedGrade)
    }

    private static func schedule(_ planned: CadencePlan.Scheduled, lead: Lead, owner: String, _ m: Mutation) throws -> Int64 {
        try Tasks.insert(leadID: lead.id, assignee: owner, title: planned.step.title, kind: "cadence", due: planned.due,
                         cadence: planned.key.description, m)
    }
}
