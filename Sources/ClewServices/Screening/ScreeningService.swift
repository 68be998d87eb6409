import ClewDomain
import Foundation

/// The morning "pending screening" list (待筛选): oldest first, with scores and suggested reps —
/// over the store's ports, so it runs on SQLite, in memory (tests) and on any store that passes
/// the conformance suite. Grading and assigning are ``LeadUseCases``'.
public struct ScreeningService: ScreeningUseCases {
    let store: any ServiceStore
    /// The user the service acts for.
    public let actor: ActingUser

    public init(store: any ServiceStore, actor: ActingUser) {
        self.store = store
        self.actor = actor
    }

    /// The most leads one bulk action takes from the queue (the whole queue, up to this).
    public static let wholeQueueLimit = 5_000

    /// The leads of the actor's queue: those in screening the actor may read.
    var queue: LeadCriteria { LeadCriteria(audiences: [.readableBy(actor)], statuses: [.screening]) }

    /// How many leads wait in screening for the actor.
    public func count() throws -> Int {
        try AccessPolicy.check(.screen, actor)
        return try store.read { tx in try tx.leads.count(queue) }
    }

    /// Items `offset ..< offset+limit` of the queue, oldest first, each with how long it has
    /// waited in working time, its score as the process scores it now, and at most three reps
    /// the actor may give it to.
    public func items(offset: Int = 0, limit: Int = 50) throws -> [ScreeningItem] {
        try AccessPolicy.check(.screen, actor)
        return try store.read { tx in
            let leads = try tx.leads.page(queue, order: .longestInStatus, offset: max(0, offset), limit: max(1, limit))
            let parts = try tx.leads.storedScoreParts(of: leads.map(\.id))
            let rules = tx.rules
            let candidates = try assignable(tx.users.workloads())
            // Suggestions depend only on region and industry: rank each pair once per page.
            var ranked: [SuggestionKey: [AssignmentSuggestion]] = [:]
            return leads.map { lead in
                let key = SuggestionKey(region: lead.details.region, industry: lead.details.industry)
                let suggestions = ranked[key] ?? {
                    let top = Array(AssignmentSuggestion.rank(region: key.region, industry: key.industry,
                                                              candidates: candidates, now: tx.now).prefix(3))
                    ranked[key] = top
                    return top
                }()
                return ScreeningItem(
                    lead: lead,
                    waitingWorkingSeconds: rules.calendar.workingDuration(from: lead.statusChangedAt, to: tx.now),
                    score: rules.process.scoring.shownScore(of: lead, storedParts: parts[lead.id]),
                    suggestions: suggestions)
            }
        }
    }

    private struct SuggestionKey: Hashable {
        var region: String?
        var industry: String?
    }

    /// The reps suggested for a lead in `region` and `industry`, best first, with the workload
    /// read now (supervisors and admins).
    public func suggestions(region: String?, industry: String?) throws -> [AssignmentSuggestion] {
        try AccessPolicy.check(.screen, actor)
        return try store.read { tx in
            AssignmentSuggestion.rank(region: region, industry: industry, candidates: try assignable(tx.users.workloads()), now: tx.now)
        }
    }

    /// The reps the actor may give leads to, with their open workload read now: a
    /// supervisor's own team, every rep for an admin; by login.
    public func assignableReps() throws -> [AssignmentSuggestion.Candidate] {
        try AccessPolicy.check(.screen, actor)
        return try store.read { tx in try assignable(tx.users.workloads()) }
    }

    /// Every lead waiting in the actor's screening queue, oldest first (at most
    /// ``wholeQueueLimit``), as the few columns a bulk plan needs, however many pages it has.
    public func wholeQueue() throws -> [ScreeningEntry] {
        try AccessPolicy.check(.screen, actor)
        return try store.read { tx in try tx.leads.queueEntries(queue, limit: Self.wholeQueueLimit) }
    }

    /// Of `candidates`, the reps the actor may give leads to, by login.
    private func assignable(_ candidates: [AssignmentSuggestion.Candidate]) -> [AssignmentSuggestion.Candidate] {
        candidates.filter { actor.role == .admin || actor.team.contains($0.profile.login) }
            .sorted { $0.profile.login < $1.profile.login }
    }
}
