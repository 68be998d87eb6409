import ClewDomain
import ClewServices
import Foundation
import GRDB

/// The morning "pending screening" list (待筛选): oldest first, with scores and suggested reps.
public struct ScreeningService: Sendable {
    let context: ClewContext
    public let actor: ActingUser

    public init(context: ClewContext, actor: ActingUser) {
        self.context = context
        self.actor = actor
    }

    /// How many leads wait in screening for the actor: from the board's tally (``BoardTally``)
    /// when it can answer for the reader's role, which a supervisor's count over every index
    /// entry of the team's screening leads took 14–90 ms at 1M leads.
    public func count() throws -> Int {
        try AccessPolicy.check(.screen, actor)
        if let tally = BoardTally(readableBy: actor) {
            return try context.read { try tally.total($0, status: .screening).count }
        }
        let visibility = LeadLookup.visibility(for: actor)
        return try context.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM lead WHERE lead.status = 'screening' AND \(visibility.sql)", arguments: visibility.arguments) ?? 0
        }
    }

    /// Items `offset ..< offset+limit` of the queue, oldest first.
    public func items(offset: Int = 0, limit: Int = 50) throws -> [ScreeningItem] {
        try AccessPolicy.check(.screen, actor)
        let now = context.clock.now()
        let visibility = LeadLookup.visibility(for: actor)
        return try context.read { db in
            let leads = try Lead.fetchAll(db, sql: """
                SELECT \(Lead.selection), lead.score_parts FROM lead WHERE lead.status = 'screening' AND \(visibility.sql)
                ORDER BY lead.status_changed_at, lead.id LIMIT ? OFFSET ?
                """, arguments: visibility.arguments + [max(1, limit), max(0, offset)]) { $0["score_parts"] as String? }
            // Only reps the actor may give leads to are suggested (a supervisor's own team).
            let candidates = try assignable(Self.candidates(db))
            // Suggestions depend only on region and industry: rank each pair once per page.
            var ranked: [SuggestionKey: [AssignmentSuggestion]] = [:]
            return leads.map { lead, parts in
                let key = SuggestionKey(region: lead.details.region, industry: lead.details.industry)
                let suggestions = ranked[key] ?? {
                    let top = Array(AssignmentSuggestion.rank(region: key.region, industry: key.industry,
                                                              candidates: candidates, now: now).prefix(3))
                    ranked[key] = top
                    return top
                }()
                return ScreeningItem(
                    lead: lead,
                    waitingWorkingSeconds: context.calendar.workingDuration(from: lead.statusChangedAt, to: now),
                    score: context.process.scoring.shownScore(of: lead, storedParts: parts),
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
        let now = context.clock.now()
        return try context.read { db in
            AssignmentSuggestion.rank(region: region, industry: industry, candidates: try assignable(Self.candidates(db)), now: now)
        }
    }

    /// The reps the actor may give leads to, with their open workload read now: a
    /// supervisor's own team, every rep for an admin.
    public func assignableReps() throws -> [AssignmentSuggestion.Candidate] {
        try AccessPolicy.check(.screen, actor)
        return try context.read { db in
            try assignable(Self.candidates(db))
        }
    }

    /// Of `candidates`, the reps the actor may give leads to.
    private func assignable(_ candidates: [AssignmentSuggestion.Candidate]) -> [AssignmentSuggestion.Candidate] {
        candidates.filter { actor.role == .admin || actor.team.contains($0.profile.login) }
    }

    /// Active reps with their open workload.
    static func candidates(_ db: Database) throws -> [AssignmentSuggestion.Candidate] {
        try Row.fetchAll(db, sql: """
            SELECT \(UserProfile.selection), coalesce(w.open_leads, 0) AS load
            FROM user LEFT JOIN \(BoardTally.openLeadsByOwner) w ON w.owner = user.login
            WHERE role = 'rep' AND active = 1
            """).map { AssignmentSuggestion.Candidate(profile: try UserProfile(row: $0), openLeads: $0["load"]) }
    }
}
