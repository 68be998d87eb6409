import ClewDomain
import ClewServices
import Foundation
import GRDB

/// The board's column totals read from `lead_tally` (migration v23), the summary triggers keep
/// per status, stage, owner and day of win, instead of counting the reader's leads.
///
/// The SQLite lead repository answers from it (``SQLiteLeads/totals(_:)`` and ``count(_:)``)
/// when no filter narrows the criteria and their audience is one it holds: every lead, the leads
/// of some owners, or — for one status a lead may have unowned, such as the screening queue's
/// count — what a reader whose rule is one of those may read. That covers the board's columns
/// when the scope alone says whose leads count (``BoardScope/impliesReadable(for:)``). A filter
/// (grade, source, a flag…) needs the leads themselves, which are counted as before.
///
/// The "Won (30 days)" total is exact to the second: whole UTC days after the window's first
/// day come from the tally, and that first day's wins since the window opened from the
/// `lead_status` index (a few hundred entries at most).
struct BoardTally {
    /// Totals keyed by board column (`screening`, `assigned`, a stage key, `won`).
    typealias Totals = [String: (count: Int, fen: Double)]

    /// Whose leads count: everyone (nil), or some owners and perhaps the unowned.
    let audience: LeadAudience?

    /// A tally for `audience`, or nil when the tally cannot answer it.
    init?(audience: LeadAudience?) {
        switch audience {
        case nil, .everyone?, .owners?: self.audience = audience
        case .readableBy?, .registeredBy?: return nil
        }
    }

    /// The totals of the intake columns, every stage and the wins since `wonSince`.
    func totals(_ db: Database, wonSince: Date) throws -> Totals {
        let (owners, ownerArguments) = ownerCondition()
        var totals: Totals = [:]
        func add(_ key: String, _ count: Int, _ fen: Double) {
            let sum = totals[key] ?? (0, 0)
            totals[key] = (sum.count + count, sum.fen + fen)
        }
        let open = try Row.fetchAll(db, sql: """
            SELECT status, stage, total(leads) AS n, total(amount_fen) AS fen FROM lead_tally
            WHERE status IN ('screening', 'assigned', 'active') AND day = 0 AND \(owners)
            GROUP BY status, stage
            """, arguments: ownerArguments)
        for row in open {
            let status: String = row["status"]
            add(status == "active" ? row["stage"] : status, Int(row["n"] as Double), row["fen"])
        }
        // Whole days after the window's first (UTC) day, then that day's wins since the window opened.
        let firstDay = Int((wonSince.storage / 86_400).rounded(.down))
        let days = try Row.fetchOne(db, sql: """
            SELECT total(leads) AS n, total(amount_fen) AS fen FROM lead_tally WHERE status = 'won' AND day > ? AND \(owners)
            """, arguments: [firstDay] + ownerArguments)
        var criteria = LeadCriteria(audiences: audience.map { [$0] } ?? [])
        criteria.statuses = [.won]
        criteria.statusChangedSince = wonSince
        let (condition, arguments) = criteria.sql()
        let partial = try Row.fetchOne(db, sql: """
            SELECT count(*) AS n, total(amount_fen) AS fen FROM lead WHERE \(condition) AND lead.status_changed_at < ?
            """, arguments: arguments + [Double(firstDay + 1) * 86_400])
        add("won", Int(days?["n"] as Double? ?? 0) + (partial?["n"] ?? 0), (days?["fen"] ?? 0) + (partial?["fen"] ?? 0))
        return totals
    }

    /// How many leads are in `status` (any but `won`, whose rows are per day), and their amount.
    func total(_ db: Database, status: LeadStatus) throws -> (count: Int, fen: Double) {
        precondition(status != .won, "won leads are tallied per day: use totals(_:wonSince:)")
        let (owners, ownerArguments) = ownerCondition()
        let row = try Row.fetchOne(db, sql: """
            SELECT total(leads) AS n, total(amount_fen) AS fen FROM lead_tally WHERE status = ? AND day = 0 AND \(owners)
            """, arguments: [status.rawValue] + ownerArguments)
        return (Int(row?["n"] as Double? ?? 0), row?["fen"] ?? 0)
    }

    /// The tally over the leads `actor` may read, when the role's rule is one the tally can
    /// answer: everything, or a supervisor's team with the unowned.
    init?(readableBy actor: ActingUser) {
        switch actor.role {
        case .admin, .finance, .support, .legal: self.init(audience: nil)
        case .supervisor: self.init(audience: .owners([actor.login] + actor.team.sorted(), includingUnowned: true))
        case .rep, .marketing: return nil
        }
    }

    /// Each owner's open leads (assigned or active: a rep's workload against their capacity),
    /// as a table `(owner, open_leads)` to join: one grouped read of the tally's few hundred
    /// open rows, where a subquery per rep counted every open lead of every rep.
    static let openLeadsByOwner = """
        (SELECT owner, CAST(total(leads) AS INTEGER) AS open_leads FROM lead_tally
         WHERE status IN ('assigned', 'active') AND day = 0 GROUP BY owner)
        """

    /// How many open leads (assigned or active) `login` owns.
    static func openLeads(_ db: Database, owner login: String) throws -> Int {
        try Int.fetchOne(db, sql: """
            SELECT CAST(total(leads) AS INTEGER) FROM lead_tally WHERE status IN ('assigned', 'active') AND day = 0 AND owner = ?
            """, arguments: [login]) ?? 0
    }

    /// ``LeadAudience/owners(_:includingUnowned:)`` over tally rows, as `LeadCriteria` writes it
    /// over leads: unowned rows count only in statuses a lead can be in without an owner.
    private func ownerCondition() -> (String, StatementArguments) {
        guard case let .owners(logins, includingUnowned)? = audience else { return ("1", []) }
        let among = logins.isEmpty ? "0" : "owner IN (\(Array(repeating: "?", count: logins.count).joined(separator: ",")))"
        guard includingUnowned else { return (among, StatementArguments(logins)) }
        let owned = LeadStatus.allCases.filter(\.alwaysHasOwner).map { "'\($0.rawValue)'" }.joined(separator: ",")
        return ("(\(among) OR (owner = '' AND status NOT IN (\(owned))))", StatementArguments(logins))
    }
}
