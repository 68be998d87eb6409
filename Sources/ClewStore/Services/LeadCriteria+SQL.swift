import ClewDomain
import ClewServices
import Foundation
import GRDB

/// The one translation of ``LeadCriteria`` into SQL: the lead list, the board, the pipeline
/// totals, the exports and the reports all build their WHERE clause here, so they select the
/// same leads as ``LeadCriteria/matches(_:)`` decides (`LeadCriteriaSQLTests` checks both agree).
extension LeadCriteria {
    /// How the translation steers SQLite's planner.
    enum IndexHint {
        /// Let the planner use the owner and creator indexes (a list, a board column).
        case any
        /// Write `+lead.owner`/`+lead.created_by` so the planner never prefers an owner's or
        /// creator's index (all their leads since ever) over a report period's date index.
        case periodFirst
    }

    /// The conditions (joined with AND) and their arguments, over a row named `lead`.
    func sql(hint: IndexHint = .any) -> (sql: String, arguments: StatementArguments) {
        var conditions: [String] = []
        var arguments = StatementArguments()
        func add(_ condition: String, _ values: [any DatabaseValueConvertible]) {
            conditions.append(condition)
            arguments += StatementArguments(values)
        }
        let owner = hint == .periodFirst ? "+lead.owner" : "lead.owner"
        let creator = hint == .periodFirst ? "+lead.created_by" : "lead.created_by"
        for audience in audiences {
            switch audience {
            case .everyone:
                continue
            case let .readableBy(user):
                let (condition, values) = Self.readable(by: user, owner: owner, creator: creator)
                add(condition, values)
            case let .owners(logins, includingUnowned):
                let among = logins.isEmpty ? "0" : "\(owner) IN (\(Self.marks(logins.count)))"
                // Leads of statuses that always have an owner are never unowned: without the
                // `OR owner IS NULL` the owner index is searched per login (a supervisor's
                // board column, 3 ms → 0.3 ms) instead of every lead of the stage being read.
                let ownedOnly = !statuses.isEmpty && statuses.allSatisfy(\.alwaysHasOwner)
                add(includingUnowned && !ownedOnly ? "(\(among) OR (\(owner) IS NULL AND lead.status NOT IN (\(Self.ownedStatuses))))" : among, logins)
            case let .registeredBy(login):
                add("\(creator) = ?", [login])
            }
        }
        if !statuses.isEmpty {
            let sorted = statuses.map(\.rawValue).sorted()
            add(sorted.count == 1 ? "lead.status = ?" : "lead.status IN (\(Self.marks(sorted.count)))", sorted)
        }
        if let stage { add("lead.stage = ?", [stage]) }
        for (field, value) in textConditions {
            add("lead.\(Self.column(field)) = ?", [value])
        }
        if let tag { add("instr(lead.tags, ?) > 0", [TagSet.encode([tag])]) }
        if let since = statusChangedSince { add("lead.status_changed_at >= ?", [since.storage]) }
        for flag in leadFlags.sorted() { add("instr(lead.flags, ?) > 0", [TagSet.encode([flag.rawValue])]) }
        if let companyType { add("lead.company_type = ?", [companyType.rawValue]) }
        // A floor on headcount or revenue finds the larger companies, a few of all leads: told
        // so (`likelihood`), the planner searches v27's index instead of scanning every lead in
        // id order (it has no statistics to know it).
        if let employeesMin { add("likelihood(lead.employees >= ?, 0.1)", [employeesMin]) }
        if let revenueMin { add("likelihood(lead.revenue_fen >= ?, 0.1)", [revenueMin.fen]) }
        for flag in flags.sorted() {
            let (condition, values) = Self.condition(flag, asOf: flagsAsOf)
            add(condition, values)
        }
        return (conditions.isEmpty ? "1" : conditions.joined(separator: " AND "), arguments)
    }

    /// ``AccessPolicy/canRead(_:by:)`` as a condition.
    private static func readable(by user: ActingUser, owner: String, creator: String) -> (String, [any DatabaseValueConvertible]) {
        switch user.role {
        case .admin, .finance, .support, .legal:
            return ("1", [])
        case .supervisor:
            let logins = [user.login] + user.team.sorted()
            return ("(\(owner) IS NULL OR \(owner) IN (\(marks(logins.count))))", logins)
        case .rep:
            let pools = user.pools.sorted()
            let pooled = pools.isEmpty ? "" : " OR (lead.status = 'pooled' AND lead.pool IN (\(marks(pools.count))))"
            return ("(\(owner) = ?\(pooled) OR (\(owner) IS NULL AND \(creator) = ?))", [user.login] + pools + [user.login])
        case .marketing:
            return ("\(creator) = ?", [user.login])
        }
    }

    /// ``WorkFlag/holds(for:facts:now:)`` as a condition.
    private static func condition(_ flag: WorkFlag, asOf: Date) -> (String, [any DatabaseValueConvertible]) {
        let open = "lead.status IN ('assigned','active')"
        switch flag {
        case .stalled:
            return ("instr(lead.flags, ?) > 0", [TagSet.encode([LeadFlag.stalled.rawValue])])
        case .unconfirmed:
            return ("lead.status = 'assigned'", [])
        case .escalated:
            let rules = WorkFlag.escalationRules.map(\.key)
            return ("""
                (\(open) AND EXISTS (SELECT 1 FROM rule_firing f WHERE f.lead_id = lead.id AND f.rule IN (\(marks(rules.count)))
                  AND f.occurrence = 'assigned@' || lead.assigned_at))
                """, rules)
        case .overdue:
            return ("(\(open) AND EXISTS (SELECT 1 FROM task WHERE task.lead_id = lead.id AND task.status = 'open' AND task.due_at <= ?))",
                    [asOf.storage])
        }
    }

    private static func column(_ field: TextField) -> String {
        switch field {
        case .owner: "owner"
        case .grade: "grade"
        case .source: "source"
        case .region: "region"
        case .campaign: "campaign"
        case .industry: "industry"
        case .pool: "pool"
        }
    }

    /// The statuses whose leads always have an owner, as SQL literals.
    private static let ownedStatuses = LeadStatus.allCases.filter(\.alwaysHasOwner).map { "'\($0.rawValue)'" }.joined(separator: ",")

    private static func marks(_ count: Int) -> String { Array(repeating: "?", count: count).joined(separator: ",") }
}
