import Foundation

/// Where a lead that has just entered screening goes (分配规则), decided from the rules and
/// the facts about the people they name — no database, so every case is a table row in a test.
///
/// The first rule whose conditions all hold decides, except that a rule naming a rep who
/// cannot take the lead now (deactivated, away, at capacity), or a pool the process does not
/// define, is skipped and the next rule tried. A team rule picks its best-placed member
/// (``AssignmentSuggestion/rank(region:industry:candidates:now:)``); a team with no room
/// leaves the lead in screening and tells its supervisor. With no rule matching, the lead
/// waits in screening.
public struct RoutingDecision: Hashable, Sendable {
    /// What one matching rule did.
    public enum Verdict: Hashable, Sendable {
        /// Assign to `login`; `why` explains a team pick, `homePool` is the pool the lead
        /// returns to (a pool's default assignee).
        case assign(to: String, why: String?, homePool: String?)
        /// Put the lead in the pool for its members to claim.
        case sendToPool(String)
        /// The team has no one with room: the lead stays in screening, its supervisor is told.
        case noRoomInTeam(supervisor: String)
        /// The rule could not apply: try the next one.
        case skipped(reason: String)

        /// Whether the verdict ends routing.
        public var isFinal: Bool {
            if case .skipped = self { return false }
            return true
        }
    }

    /// The facts the rules are decided on.
    public struct Facts: Sendable {
        /// The lead's values for each condition field.
        public var values: @Sendable (AssignmentCondition.Field) -> [String]
        public var region: String?
        public var industry: String?
        /// Why a login cannot take another lead now; absent when they can.
        public var unavailable: [String: String]
        /// Each supervisor's reps with their workload, for team rules.
        public var teams: [String: [AssignmentSuggestion.Candidate]]
        public var pools: [PoolDefinition]
        public var now: Date

        public init(values: @escaping @Sendable (AssignmentCondition.Field) -> [String], region: String?, industry: String?,
                    unavailable: [String: String], teams: [String: [AssignmentSuggestion.Candidate]], pools: [PoolDefinition], now: Date) {
            self.values = values
            self.region = region
            self.industry = industry
            self.unavailable = unavailable
            self.teams = teams
            self.pools = pools
            self.now = now
        }
    }

    /// Each matching rule considered, in order, with its verdict; the last one is final unless
    /// every matching rule was skipped.
    public var steps: [(rule: String, verdict: Verdict)]

    /// The decision for `facts` under `rules`.
    public static func decide(_ rules: [AssignmentRule], _ facts: Facts) -> RoutingDecision {
        var steps: [(rule: String, verdict: Verdict)] = []
        for rule in rules where rule.matches(facts.values) {
            let verdict = verdict(of: rule.target, facts)
            steps.append((rule.name, verdict))
            if verdict.isFinal { break }
        }
        return RoutingDecision(steps: steps)
    }

    private static func verdict(of target: AssignmentTarget, _ facts: Facts) -> Verdict {
        switch target {
        case let .rep(login):
            if let problem = facts.unavailable[login] { return .skipped(reason: problem) }
            return .assign(to: login, why: nil, homePool: nil)
        case let .team(supervisor):
            let ranked = AssignmentSuggestion.rank(region: facts.region, industry: facts.industry,
                                                   candidates: facts.teams[supervisor] ?? [], now: facts.now)
            guard let best = ranked.first else { return .noRoomInTeam(supervisor: supervisor) }
            return .assign(to: best.login, why: best.explanation(region: facts.region, industry: facts.industry), homePool: nil)
        case let .pool(name):
            guard let pool = facts.pools.first(where: { $0.name == name }) else { return .skipped(reason: "no pool \(name)") }
            if let assignee = pool.defaultAssignee, facts.unavailable[assignee] == nil {
                return .assign(to: assignee, why: "default assignee of pool \(name)", homePool: name)
            }
            return .sendToPool(name)
        }
    }

    /// The people whose availability the decision may need: reps named by rules and pools'
    /// default assignees (a team's members come with their workload).
    public static func namedLogins(_ rules: [AssignmentRule], pools: [PoolDefinition]) -> Set<String> {
        var logins: Set<String> = []
        for rule in rules {
            switch rule.target {
            case let .rep(login): logins.insert(login)
            case let .pool(name): if let assignee = pools.first(where: { $0.name == name })?.defaultAssignee { logins.insert(assignee) }
            case .team: break
            }
        }
        return logins
    }
}

extension RoutingDecision {
    public static func == (lhs: RoutingDecision, rhs: RoutingDecision) -> Bool {
        lhs.steps.map(\.rule) == rhs.steps.map(\.rule) && lhs.steps.map(\.verdict) == rhs.steps.map(\.verdict)
    }

    public func hash(into hasher: inout Hasher) {
        for step in steps { hasher.combine(step.rule); hasher.combine(step.verdict) }
    }
}
