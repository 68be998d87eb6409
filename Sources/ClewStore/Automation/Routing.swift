import ClewDomain
import Foundation
import GRDB

/// Routes a lead that has just entered screening (分配规则): the first assignment rule whose
/// conditions all hold sends it to a rep, a team (its best-placed member) or a pool. A rep
/// who is deactivated, away or at capacity is never assigned: the rule is skipped and the
/// next one tried. With no rule matching the lead waits in screening, where the supervisor
/// sees the suggested reps.
enum Routing {
    static func route(_ lead: Lead, context: ClewContext, _ m: Mutation) throws -> Lead {
        let rules = context.process.assignment
        guard lead.status == .screening, lead.owner == nil, !rules.isEmpty else { return lead }
        let matching = rules.filter { $0.matches({ values(of: lead, $0) }) }
        guard !matching.isEmpty else { return lead }
        let m = m.automated
        let decision = RoutingDecision.decide(matching, try facts(for: lead, rules: matching, context: context, m))
        for step in decision.steps {
            guard let rule = matching.first(where: { $0.name == step.rule }), let firing = try RuleFirings.claim(
                "assign:\(rule.name)", kind: "assignment", leadID: lead.id, subject: "lead:\(lead.id)",
                occurrence: "route@\(m.now.storage)", action: "to \(rule.target)", m)
            else { return lead }
            switch step.verdict {
            case let .skipped(reason):
                try RuleFirings.settle(firing, outcome: "skipped: \(reason)", m)
            case let .assign(login, why, homePool):
                try RuleFirings.settle(firing, outcome: "assigned to \(login)" + (why.map { " (\($0))" } ?? ""), m)
                return try assign(lead, to: login, rule: rule.name, homePool: homePool, context: context, m)
            case let .noRoomInTeam(supervisor):
                try m.notify(supervisor, kind: "escalation", text: "no-room", leadID: lead.id,
                             body: "\(lead.number) \(lead.details.customer ?? ""): rule \(rule.name) routed it to your team, but no one has room",
                             parameters: ["\(lead.number) \(lead.details.customer ?? "")", rule.name])
                try RuleFirings.settle(firing, outcome: "left in screening: no one in team:\(supervisor) has room", m)
                return lead
            case let .sendToPool(name):
                try RuleFirings.settle(firing, outcome: "sent to pool \(name)", m)
                return try sendToPool(lead, pool: name, m)
            }
        }
        return lead
    }

    /// What ``ClewDomain/RoutingDecision`` decides on, read for the rules that match `lead`.
    private static func facts(for lead: Lead, rules: [AssignmentRule], context: ClewContext, _ m: Mutation) throws -> RoutingDecision.Facts {
        var unavailable: [String: String] = [:]
        for login in RoutingDecision.namedLogins(rules, pools: context.process.pools) {
            if let problem = try Assignability.problem(login, m) { unavailable[login] = problem }
        }
        var teams: [String: [AssignmentSuggestion.Candidate]] = [:]
        let supervisors = rules.compactMap { rule -> String? in if case let .team(login) = rule.target { return login } else { return nil } }
        if !supervisors.isEmpty {
            let candidates = try ScreeningService.candidates(m.db)
            for supervisor in supervisors {
                let team = try UserDirectory.team(m.db, of: supervisor)
                teams[supervisor] = candidates.filter { team.contains($0.profile.login) }
            }
        }
        let snapshot = lead
        return RoutingDecision.Facts(values: { values(of: snapshot, $0) }, region: lead.details.region, industry: lead.details.industry,
                                     unavailable: unavailable, teams: teams, pools: context.process.pools, now: m.now)
    }

    /// The values a lead has for a routing condition's field.
    static func values(of lead: Lead, _ field: AssignmentCondition.Field) -> [String] {
        values(of: lead.details, grade: lead.grade ?? lead.suggestedGrade, tags: lead.tags, field)
    }

    /// The values details, a grade and tags give a routing condition's field.
    static func values(of details: LeadDraft, grade: Grade?, tags: Set<String>, _ field: AssignmentCondition.Field) -> [String] {
        switch field {
        case .source: [details.source].compactMap { $0 }
        case .region: [details.region].compactMap { $0 }
        case .city: [details.city].compactMap { $0 }
        case .industry: [details.industry].compactMap { $0 }
        case .campaign: [details.campaign].compactMap { $0 }
        case .grade: [grade?.rawValue].compactMap { $0 }
        case .tag: tags.sorted()
        }
    }

    /// Whether some assignment rule matches a lead with these details, grade and tags: an import
    /// routes (and so reads back) only the new leads for which this holds.
    static func mayRoute(_ details: LeadDraft, grade: Grade?, tags: Set<String>, context: ClewContext) -> Bool {
        context.process.assignment.contains { $0.matches { values(of: details, grade: grade, tags: tags, $0) } }
    }

    /// Grades the lead with its suggestion when ungraded, then assigns it.
    private static func assign(_ lead: Lead, to login: String, rule: String, homePool: String?, context: ClewContext, _ m: Mutation) throws -> Lead {
        var current = lead
        if lead.grade == nil, let suggested = lead.suggestedGrade {
            var graded = lead
            graded.grade = suggested
            _ = try Notes.insert(lead.id, kind: "grade", body: "\(suggested): suggested by score \(lead.score ?? 0), routed by rule \(rule)", m)
            current = try m.update(lead, to: graded, action: "grade")
            current = try Triggers.fire(.gradeChanged, on: current, context: context, m)
        }
        let assigned = try LeadService(context: context, actor: m.actor).assignNow(current, to: login, m)
        return try m.update(assigned, to: assigned, action: "route", also: ["home_pool": homePool])
    }

    /// Puts a screening lead into a pool for its members to claim.
    static func sendToPool(_ lead: Lead, pool: String, _ m: Mutation) throws -> Lead {
        var updated = lead
        updated.status = try LeadLifecycle.next(after: .sendToPool, from: lead.status)
        updated.pool = pool
        return try m.update(lead, to: updated, action: "pool", also: ["home_pool": pool])
    }
}

extension Assignability {
    /// Why `login` cannot take another lead now, or nil when they can.
    static func problem(_ login: String, _ m: Mutation) throws -> String? {
        do {
            _ = try check(login, m)
            return nil
        } catch let error as any BilingualError {
            return error.english  // rule outcomes are the English review log
        } catch let error as UserFacingError {
            return error.description
        }
    }
}
