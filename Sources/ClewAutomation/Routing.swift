import ClewDomain
import ClewServices
import ClewStore
import Foundation

/// Routes a lead that has just entered screening (分配规则): the first assignment rule whose
/// conditions all hold sends it to a rep, a team (its best-placed member) or a pool. A rep
/// who is deactivated, away or at capacity is never assigned: the rule is skipped and the
/// next one tried. With no rule matching the lead waits in screening, where the supervisor
/// sees the suggested reps.
enum Routing {
    static func route(_ lead: Lead, context: ClewContext, _ m: Mutation) throws -> Lead {
        let rules = context.process.assignment
        guard lead.status == .screening, lead.owner == nil, !rules.isEmpty else { return lead }
        let matching = rules.filter { $0.matches { $0.values(of: lead) } }
        guard !matching.isEmpty else { return lead }
        let m = m.automated
        let decision = RoutingDecision.decide(matching, try facts(for: lead, rules: matching, context: context, m))
        for step in decision.steps {
            guard let rule = matching.first(where: { $0.name == step.rule }), let firing = try RuleFirings.claim(
                "assign:\(rule.name)", kind: .assignment, leadID: lead.id, subject: "lead:\(lead.id)",
                occurrence: "route@\(m.now.storage)", action: "to \(rule.target)", m)
            else { return lead }
            switch step.verdict {
            case let .skipped(reason):
                try RuleFirings.settle(firing, outcome: .skipped(reason), m)
            case let .assign(login, why, homePool):
                try RuleFirings.settle(firing, outcome: .assigned(to: login, why: why), m)
                return try assign(lead, to: login, rule: rule.name, homePool: homePool, context: context, m)
            case let .noRoomInTeam(supervisor):
                try m.notify(supervisor, kind: "escalation", text: "no-room", leadID: lead.id,
                             body: "\(lead.number) \(lead.details.customer ?? ""): rule \(rule.name) routed it to your team, but no one has room",
                             parameters: ["\(lead.number) \(lead.details.customer ?? "")", rule.name])
                try RuleFirings.settle(firing, outcome: .noRoomInTeam(supervisor: supervisor), m)
                return lead
            case let .sendToPool(name):
                try RuleFirings.settle(firing, outcome: .sentToPool(name), m)
                return try sendToPool(lead, pool: name, m)
            }
        }
        return lead
    }

    /// What ``ClewDomain/RoutingDecision`` decides on, read for the rules that match `lead`.
    private static func facts(for lead: Lead, rules: [AssignmentRule], context: ClewContext, _ m: Mutation) throws -> RoutingDecision.Facts {
        var unavailable: [String: String] = [:]
        for login in RoutingDecision.namedLogins(rules, pools: context.process.pools) {
            if let problem = try Assignability.problem(login, in: context.transaction(m)) { unavailable[login] = problem }
        }
        var teams: [String: [AssignmentSuggestion.Candidate]] = [:]
        let supervisors = rules.compactMap { rule -> String? in if case let .team(login) = rule.target { return login } else { return nil } }
        if !supervisors.isEmpty {
            let candidates = try Workloads.candidates(m)
            for supervisor in supervisors {
                let team = try UserDirectory.team(of: supervisor, m)
                teams[supervisor] = candidates.filter { team.contains($0.profile.login) }
            }
        }
        let snapshot = lead
        return RoutingDecision.Facts(values: { $0.values(of: snapshot) }, region: lead.details.region, industry: lead.details.industry,
                                     unavailable: unavailable, teams: teams, pools: context.process.pools, now: m.now)
    }

    /// Grades the lead with its suggestion when ungraded, then assigns it.
    private static func assign(_ lead: Lead, to login: String, rule: String, homePool: String?, context: ClewContext, _ m: Mutation) throws -> Lead {
        var current = lead
        if lead.grade == nil, let suggested = lead.suggestedGrade {
            var graded = lead
            graded.grade = suggested
            _ = try Notes.insert(lead.id, kind: .grade, body: "\(suggested): suggested by score \(lead.score ?? 0), routed by rule \(rule)", m)
            current = try m.update(lead, to: graded, action: .grade)
            current = try Triggers.fire(.gradeChanged, on: current, context: context, m)
        }
        let assigned = try LeadHandoverService.assign(current, to: login, in: context.transaction(m))
        return try m.update(assigned, to: assigned, action: .route, homePool: homePool)
    }

    /// Puts a screening lead into a pool for its members to claim.
    static func sendToPool(_ lead: Lead, pool: String, _ m: Mutation) throws -> Lead {
        var updated = lead
        updated.status = try LeadLifecycle.next(after: .sendToPool, from: lead.status)
        updated.pool = pool
        return try m.update(lead, to: updated, action: .pool, homePool: pool)
    }
}

extension Assignability {
    /// Why `login` cannot take another lead now, or nil when they can.
    static func problem(_ login: String, in tx: any StoreTransaction) throws -> String? {
        do {
            _ = try check(login, in: tx)
            return nil
        } catch let error as any BilingualError {
            return error.english  // rule outcomes are the English review log
        } catch let error as UserFacingError {
            return error.description
        }
    }
}
