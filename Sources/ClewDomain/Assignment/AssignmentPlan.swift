import Foundation

/// Who gets each of several leads assigned at once (bulk assignment from the screening queue).
///
/// Each lead goes to the best-ranked rep for its region and industry *at that point of the
/// plan*: the leads already planned count into each rep's load, so equally placed reps take
/// turns (round-robin) and nobody is planned past their capacity — the whole selection never
/// lands on the one rep who was least loaded when the queue was drawn.
public enum AssignmentPlan {
    /// A lead to place.
    public struct Lead: Hashable, Sendable {
        public var number: String
        public var region: String?
        public var industry: String?

        public init(number: String, region: String?, industry: String?) {
            self.number = number
            self.region = region
            self.industry = industry
        }
    }

    /// Where one lead goes: a rep, or nobody when no candidate has room left.
    public struct Placement: Hashable, Sendable {
        public var number: String
        public var login: String?
    }

    /// The placements of `leads`, in order, among `candidates` (the reps the planner may give
    /// leads to: a supervisor's own team).
    public static func distribute(_ leads: [Lead], among candidates: [AssignmentSuggestion.Candidate], now: Date) -> [Placement] {
        var pool = candidates
        return leads.map { lead in
            let best = AssignmentSuggestion.rank(region: lead.region, industry: lead.industry, candidates: pool, now: now).first
            guard let login = best?.login, let index = pool.firstIndex(where: { $0.profile.login == login }) else {
                return Placement(number: lead.number, login: nil)
            }
            pool[index].openLeads += 1
            return Placement(number: lead.number, login: login)
        }
    }
}
