import ClewDomain
import ClewServices
import Foundation
import GRDB

/// The lead lists of ``ClewServices/LeadRepository`` over the `lead` table: each a
/// ``ClewDomain/LeadCriteria`` translated into SQL (``LeadCriteria/sql(hint:)``) and one page read.
extension SQLiteLeads {
    func count(_ criteria: LeadCriteria) throws -> Int {
        // The reader's leads in one status (screening, assigned…) come from the board's tally when
        // the audience is one it answers: a supervisor's count over every index entry of the
        // team's screening leads took 14–90 ms at 1M leads.
        var bare = LeadCriteria(audiences: criteria.audiences, statuses: criteria.statuses)
        bare.flagsAsOf = criteria.flagsAsOf
        if criteria.statuses.count == 1, let status = criteria.statuses.first, status != .won, criteria == bare,
           let tally = tally(for: criteria.audiences, readableIn: status) {
            return try tally.total(db, status: status).count
        }
        let (condition, arguments) = criteria.sql()
        return try Int.fetchOne(db, sql: "SELECT count(*) FROM lead WHERE \(condition)", arguments: arguments) ?? 0
    }

    /// The tally that answers for `audiences` (none, everyone, some owners), if there is one.
    /// What a reader may read is answered too for leads in `status` when a lead in it may have
    /// no owner (screening, a pool): the tally sets an owner-less lead of a status that always
    /// has one (an assigned lead whose owner a direct write removed) apart, where the reader's
    /// rule would count it.
    private func tally(for audiences: [LeadAudience], readableIn status: LeadStatus? = nil) -> BoardTally? {
        guard audiences.count <= 1 else { return nil }
        if case let .readableBy(actor)? = audiences.first {
            guard let status, !status.alwaysHasOwner else { return nil }
            return BoardTally(readableBy: actor)
        }
        return BoardTally(audience: audiences.first)
    }

    func page(_ criteria: LeadCriteria, order: LeadOrder, offset: Int, limit: Int) throws -> [Lead] {
        let (condition, arguments) = criteria.sql()
        let orderBy = switch order {
        case .longestInStatus: "lead.status_changed_at, lead.id"
        case .latestInStatus: "lead.status_changed_at DESC, lead.id"
        case .longestInStage: "lead.stage_entered_at, lead.id"
        }
        return try Lead.fetchAll(db, sql: """
            SELECT \(Lead.selection) FROM lead WHERE \(condition) ORDER BY \(orderBy) LIMIT ? OFFSET ?
            """, arguments: arguments + [max(0, limit), max(0, offset)])
    }

    func totals(_ criteria: [LeadCriteria]) throws -> [LeadTotals] {
        if let tallied = try tallied(criteria) { return tallied }
        return try criteria.map(counted)
    }

    /// `criteria`'s totals counted over the leads themselves (any filter, any audience).
    func counted(_ criteria: LeadCriteria) throws -> LeadTotals {
        let (condition, arguments) = criteria.sql()
        let row = try Row.fetchOne(db, sql: "SELECT count(*) AS n, total(amount_fen) AS fen FROM lead WHERE \(condition)", arguments: arguments)
        return LeadTotals(count: row?["n"] ?? 0, amount: Money(totalFen: row?["fen"] ?? 0))
    }

    /// The totals from `lead_tally` (``BoardTally``), when every criteria is one status (a stage
    /// for active leads, a window for wins) of one audience the tally answers and nothing else:
    /// a few hundred rows at any size, where counting a supervisor's board read every index
    /// entry of the team's leads. Nil when the tally cannot answer them all.
    private func tallied(_ criteria: [LeadCriteria]) throws -> [LeadTotals]? {
        guard let audiences = criteria.first?.audiences else { return [] }
        guard let tally = tally(for: audiences) else { return nil }
        var keys: [String] = []
        var wonSince: Date?
        for c in criteria {
            guard c.statuses.count == 1, let status = c.statuses.first else { return nil }
            var bare = LeadCriteria(audiences: audiences, statuses: c.statuses, stage: c.stage, statusChangedSince: c.statusChangedSince)
            bare.flagsAsOf = c.flagsAsOf
            guard c == bare else { return nil }
            switch (status, c.stage, c.statusChangedSince) {
            case (.screening, nil, nil), (.assigned, nil, nil): keys.append(status.rawValue)
            case let (.active, stage?, nil): keys.append(stage)
            case let (.won, nil, since?) where wonSince == nil || wonSince == since:
                wonSince = since
                keys.append("won")
            default: return nil
            }
        }
        let totals = try tally.totals(db, wonSince: wonSince ?? .distantFuture)
        return keys.map { LeadTotals(count: totals[$0]?.count ?? 0, amount: Money(totalFen: totals[$0]?.fen ?? 0)) }
    }

    func queueEntries(_ criteria: LeadCriteria, limit: Int) throws -> [ScreeningEntry] {
        let (condition, arguments) = criteria.sql()
        return try Row.fetchAll(db, sql: """
            SELECT lead.number, lead.customer, lead.grade, lead.region, lead.industry FROM lead WHERE \(condition)
            ORDER BY lead.status_changed_at, lead.id LIMIT ?
            """, arguments: arguments + [max(0, limit)]).map { row in
            ScreeningEntry(number: row["number"], customer: row["customer"],
                           grade: (row["grade"] as String?).flatMap(Grade.init(rawValue:)),
                           region: row["region"], industry: row["industry"])
        }
    }

    func storedScoreParts(of ids: [Int64]) throws -> [Int64: String] {
        var parts: [Int64: String] = [:]
        try Self.inChunks(ids) { chunk, marks in
            for row in try Row.fetchAll(db, sql: "SELECT id, score_parts FROM lead WHERE id IN (\(marks)) AND score_parts IS NOT NULL",
                                        arguments: StatementArguments(chunk)) {
                parts[row["id"]] = row["score_parts"]
            }
        }
        return parts
    }

    func pooledCounts(_ criteria: LeadCriteria) throws -> [String: Int] {
        let (condition, arguments) = criteria.sql()
        var counts: [String: Int] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT coalesce(lead.pool, ?) AS name, count(*) AS n FROM lead
            WHERE lead.status = 'pooled' AND \(condition) GROUP BY 1
            """, arguments: [PoolDefinition.general] + arguments) {
            counts[row["name"]] = row["n"]
        }
        return counts
    }

    func pooled(in pool: String, _ criteria: LeadCriteria, offset: Int, limit: Int) throws -> [Lead] {
        let (condition, arguments) = criteria.sql()
        return try Lead.fetchAll(db, sql: """
            SELECT \(Lead.selection) FROM lead
            WHERE lead.status = 'pooled' AND coalesce(lead.pool, ?) = ? AND \(condition)
            ORDER BY lead.status_changed_at DESC, lead.id DESC LIMIT ? OFFSET ?
            """, arguments: [PoolDefinition.general, pool] + arguments + [max(0, limit), max(0, offset)])
    }

    func fromPools(owner: String, offset: Int, limit: Int) throws -> [Lead] {
        try Lead.fetchAll(db, sql: """
            SELECT \(Lead.selection) FROM lead
            WHERE lead.owner = ? AND lead.status IN ('assigned','active') AND lead.home_pool IS NOT NULL
            ORDER BY lead.assigned_at DESC, lead.id DESC LIMIT ? OFFSET ?
            """, arguments: [owner, max(0, limit), max(0, offset)])
    }

    func fromPoolsCount(owner: String) throws -> Int {
        try Int.fetchOne(db, sql: """
            SELECT count(*) FROM lead WHERE lead.owner = ? AND lead.status IN ('assigned','active') AND lead.home_pool IS NOT NULL
            """, arguments: [owner]) ?? 0
    }
}

extension SQLiteLeads {
    /// Runs `body` on `ids` (a page: at most a few hundred) in chunks below SQLite's variable
    /// limit, each with its `?, ?, …` placeholders.
    static func inChunks(_ ids: [Int64], _ body: (_ chunk: [Int64], _ marks: String) throws -> Void) throws {
        for start in stride(from: 0, to: ids.count, by: 500) {
            let chunk = Array(ids[start ..< min(start + 500, ids.count)])
            try body(chunk, Array(repeating: "?", count: chunk.count).joined(separator: ","))
        }
    }
}

/// ``ClewServices/FiringLog`` over `rule_firing` (``RuleFirings``).
struct SQLiteFirings: FiringLog {
    let db: Database
    let mutation: Mutation?

    func record(_ firing: NewFiring, outcome: FiringOutcome) throws -> Bool {
        try RuleFirings.record(firing.rule, kind: firing.kind, leadID: firing.leadID, subject: firing.subject,
                               occurrence: firing.occurrence, action: firing.action, outcome: outcome, SQLiteTransaction.writing(mutation))
    }

    func count(rule: String, subject: String, since start: Date) throws -> Int {
        try Self.count(rule: rule, subject: subject, since: start, db)
    }

    /// How many times `rule` fired for `subject` since `start`.
    static func count(rule: String, subject: String, since start: Date, _ db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT count(*) FROM rule_firing WHERE fired_at >= ? AND rule = ? AND subject = ?",
                         arguments: [start.storage, rule, subject]) ?? 0
    }
}

/// Who can be given leads, and how busy they are.
package enum Workloads {
    /// Active reps with their open workload (``BoardTally/openLeadsByOwner``).
    package static func candidates(_ db: Database) throws -> [AssignmentSuggestion.Candidate] {
        try Row.fetchAll(db, sql: """
            SELECT \(UserProfile.selection), coalesce(w.open_leads, 0) AS load
            FROM user LEFT JOIN \(BoardTally.openLeadsByOwner) w ON w.owner = user.login
            WHERE role = 'rep' AND active = 1
            """).map { AssignmentSuggestion.Candidate(profile: try UserProfile(row: $0), openLeads: $0["load"]) }
    }
}
