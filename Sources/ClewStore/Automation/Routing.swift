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
        guard lead.status == .screening, lead.owner == nil, !context.process.assignment.isEmpty else { return lead }
        let m = m.automated
        for rule in context.process.assignment where rule.matches({ values(of: lead, $0) }) {
            guard let firing = try RuleFirings.claim(
                "assign:\(rule.name)", kind: "assignment", leadID: lead.id, subject: "lead:\(lead.id)",
                occurrence: "route@\(m.now.storage)", action: "to \(rule.target)", m)
            else { return lead }
            switch rule.target {
            case let .rep(login):
                if let problem = try Assignability.problem(login, m) {
                    try RuleFirings.settle(firing, outcome: "skipped: \(problem)", m)
                    continue
                }
                try RuleFirings.settle(firing, outcome: "assigned to \(login)", m)
                return try assign(lead, to: login, rule: rule.name, homePool: nil, context: context, m)
            case let .team(supervisor):
                let team = try UserDirectory.team(m.db, of: supervisor)
                let ranked = AssignmentSuggestion.rank(
                    region: lead.details.region, industry: lead.details.industry,
                    candidates: try ScreeningService.candidates(m.db).filter { team.contains($0.profile.login) }, now: m.now)
                guard let best = ranked.first else {
                    try m.notify(supervisor, kind: "escalation", leadID: lead.id,
                                 body: "\(lead.number) \(lead.details.customer ?? ""): rule \(rule.name) routed it to your team, but no one has room")
                    try RuleFirings.settle(firing, outcome: "left in screening: no one in team:\(supervisor) has room", m)
                    return lead
                }
                let why = best.explanation(region: lead.details.region, industry: lead.details.industry)
                try RuleFirings.settle(firing, outcome: "assigned to \(best.login) (\(why))", m)
                return try assign(lead, to: best.login, rule: rule.name, homePool: nil, context: context, m)
            case let .pool(name):
                guard let pool = context.process.pools.first(where: { $0.name == name }) else {
                    try RuleFirings.settle(firing, outcome: "skipped: no pool \(name)", m)
                    continue
                }
                if let assignee = pool.defaultAssignee, try Assignability.problem(assignee, m) == nil {
                    try RuleFirings.settle(firing, outcome: "assigned to \(assignee) (default assignee of pool \(name))", m)
                    return try assign(lead, to: assignee, rule: rule.name, homePool: name, context: context, m)
                }
                try RuleFirings.settle(firing, outcome: "sent to pool \(name)", m)
                return try sendToPool(lead, pool: name, m)
            }
        }
        return lead
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
        } catch let error as UserFacingError {
            return error.description
        }
    }
}
