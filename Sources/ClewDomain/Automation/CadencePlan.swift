import Foundation

/// Which follow-up cadence step (跟进节奏) a lead gets next, and when it is due — decided without
/// a database. One step is open at a time: starting the cadence schedules its first step,
/// finishing a step schedules the one after it (or the same one again when it repeats with
/// `every`), and a lead that is closed, unowned or regraded gets nothing more.
public enum CadencePlan {
    /// A step to schedule.
    public struct Scheduled: Hashable, Sendable {
        public var grade: Grade
        public var step: CadenceStep
        public var due: Date

        /// The key its task carries (`A:call`).
        public var key: CadenceStepKey { CadenceStepKey(grade: grade, step: step.key) }
    }

    /// The lead facts a cadence depends on.
    public struct LeadFacts: Hashable, Sendable {
        public var status: LeadStatus
        public var owner: String?
        /// The supervisor's grade, else the suggested one.
        public var grade: Grade?

        public init(status: LeadStatus, owner: String?, grade: Grade?) {
            self.status = status
            self.owner = owner
            self.grade = grade
        }

        var takesCadence: Bool { (status == .assigned || status == .active) && owner != nil }
    }

    /// The first step of the lead's grade's cadence, on assignment, a claim or a grade change;
    /// nil when the lead gets none (not open, no owner, no grade, no cadence for the grade).
    public static func start(for lead: LeadFacts, process: ProcessDefinition, now: Date, calendar: WorkingCalendar) -> Scheduled? {
        guard lead.takesCadence, let grade = lead.grade, let cadence = process.cadence(for: grade), let first = cadence.steps.first else {
            return nil
        }
        return Scheduled(grade: grade, step: first, due: first.within.date(after: now, on: calendar))
    }

    /// The step after `completed` (a task's key), or nil: the lead left the cadence (closed,
    /// unowned, regraded), the step is the last, or the process no longer has it.
    public static func next(after completed: CadenceStepKey, for lead: LeadFacts, process: ProcessDefinition, now: Date,
                            calendar: WorkingCalendar) -> Scheduled? {
        guard lead.takesCadence, lead.grade == completed.grade, let (cadence, step) = completed.resolve(in: process) else { return nil }
        if let every = step.every {
            return Scheduled(grade: cadence.grade, step: step, due: every.date(after: now, on: calendar))
        }
        guard let index = cadence.steps.firstIndex(where: { $0.key == step.key }), index + 1 < cadence.steps.count else { return nil }
        let next = cadence.steps[index + 1]
        return Scheduled(grade: cadence.grade, step: next, due: next.within.date(after: now, on: calendar))
    }

    /// Which of the lead's open cadence tasks (earliest due first) a follow-up by `method`
    /// fulfils: the index of the first whose step is done that way, or nil.
    public static func fulfilled(by method: FollowUpMethod, open: [CadenceStepKey?], process: ProcessDefinition) -> Int? {
        open.firstIndex { $0?.resolve(in: process)?.1.method == method }
    }
}

/// The cadence step a task belongs to, written `A:call` on the task.
public struct CadenceStepKey: Hashable, Sendable, CustomStringConvertible {
    public var grade: Grade
    public var step: String

    public init(grade: Grade, step: String) {
        self.grade = grade
        self.step = step
    }

    /// `A:call`, or nil for anything else.
    public init?(parsing text: String?) {
        guard let parts = text?.split(separator: ":", maxSplits: 1), parts.count == 2, let grade = Grade(rawValue: String(parts[0])) else {
            return nil
        }
        self.init(grade: grade, step: String(parts[1]))
    }

    public var description: String { "\(grade.rawValue):\(step)" }

    /// The cadence and step the key names in `process`, if it still has them.
    public func resolve(in process: ProcessDefinition) -> (CadenceDefinition, CadenceStep)? {
        guard let cadence = process.cadence(for: grade), let step = cadence.steps.first(where: { $0.key == self.step }) else { return nil }
        return (cadence, step)
    }
}
