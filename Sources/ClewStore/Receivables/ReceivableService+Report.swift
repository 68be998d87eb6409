import ClewDomain
import Foundation
import GRDB

// MARK: - The receivables report and the finance screen (应收账款)

/// What is owed and what is coming, as of one day: aged overdue money (0–30, 31–60, 61–90, 90+
/// days) in total, per customer and per rep, what falls due this week, the cash expected per
/// week, and each signed contract's collection.
public struct ReceivablesReport: Hashable, Sendable {
    /// Overdue money of one customer, one rep or everyone, by age.
    public struct AgedLine: Hashable, Sendable {
        /// The customer's name or the rep's login ("" for everyone).
        public var name: String
        public var buckets: [AgeBucket: Money]

        public init(name: String, buckets: [AgeBucket: Money]) {
            self.name = name
            self.buckets = buckets
        }

        public var total: Money { buckets.values.reduce(.zero, +) }
    }

    public var asOf: CalendarDay
    public var aged: AgedLine
    /// The customers with the most overdue money (at most ``ReceivableService/reportLimit``).
    public var byCustomer: [AgedLine]
    /// Every rep with overdue money.
    public var byRep: [AgedLine]
    /// Instalments owed that fall due in the week (Monday–Sunday) of ``asOf``, oldest first.
    public var dueThisWeek: [InstalmentItem]
    /// Open balances by the Monday of the week they fall due, from this week on (twelve weeks).
    public var expectedByWeek: [(week: CalendarDay, amount: Money)]
    /// Signed contracts, most outstanding first (at most the limit asked for).
    public var contracts: [ContractSummary]
    /// Owed and not yet due, and owed and overdue, over everything the reader may see.
    public var open: Money
    public var overdue: Money

    public static func == (lhs: ReceivablesReport, rhs: ReceivablesReport) -> Bool {
        lhs.asOf == rhs.asOf && lhs.aged == rhs.aged && lhs.byCustomer == rhs.byCustomer && lhs.byRep == rhs.byRep
            && lhs.dueThisWeek == rhs.dueThisWeek && lhs.contracts == rhs.contracts && lhs.open == rhs.open && lhs.overdue == rhs.overdue
            && lhs.expectedByWeek.map(\.week) == rhs.expectedByWeek.map(\.week) && lhs.expectedByWeek.map(\.amount) == rhs.expectedByWeek.map(\.amount)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(asOf)
        hasher.combine(aged)
        hasher.combine(contracts)
    }
}

extension ReceivableService {
    /// The most customers and instalments a report lists.
    public static let reportLimit = 50

    /// The receivables as of `asOf` (default today) over the contracts the actor may see; at
    /// most `contractLimit` contracts listed. Every figure is one indexed aggregate query, so the
    /// finance screen's first frame reads a few hundred rows whatever the number of contracts.
    public func report(asOf: CalendarDay? = nil, contractLimit: Int = 50) throws -> ReceivablesReport {
        let day = asOf ?? today
        var scope = "c.status = 'signed'"
        var scopeArguments: [any DatabaseValueConvertible] = []
        if !ReceivableAccess.seesAll(actor) {
            scope += " AND c.owner = ?"
            scopeArguments.append(actor.role == .rep ? actor.login : "\u{0}")
        }
        let owed = "i.status = 'open' AND i.paid_fen < i.amount_fen"
        let monday = day.adding(days: -((day.weekday + 5) % 7))
        return try context.read { db in
            func aged(_ group: String?, order: String = "", limit: Int? = nil) throws -> [ReceivablesReport.AgedLine] {
                let key = group ?? "''"
                let rows = try Row.fetchAll(db, sql: """
                    SELECT \(key) AS name,
                      CASE WHEN julianday(?) - julianday(i.due_on) <= 30 THEN 0 WHEN julianday(?) - julianday(i.due_on) <= 60 THEN 1
                           WHEN julianday(?) - julianday(i.due_on) <= 90 THEN 2 ELSE 3 END AS bucket,
                      sum(i.amount_fen - i.paid_fen) AS fen
                    FROM instalment i JOIN contract c ON c.id = i.contract_id JOIN customer cu ON cu.id = c.customer_id
                    WHERE \(owed) AND i.due_on < ? AND \(scope)
                    GROUP BY 1, 2
                    """, arguments: StatementArguments([day.description, day.description, day.description, day.description] + scopeArguments))
                var lines: [String: [AgeBucket: Money]] = [:]
                var order: [String] = []
                for row in rows {
                    let name: String = row["name"] ?? ""
                    if lines[name] == nil { order.append(name) }
                    lines[name, default: [:]][AgeBucket(rawValue: row["bucket"]) ?? .over90] = Money(fen: row["fen"])
                }
                let result = order.map { ReceivablesReport.AgedLine(name: $0, buckets: lines[$0] ?? [:]) }
                    .sorted { ($0.total.fen, $1.name) > ($1.total.fen, $0.name) }
                return limit.map { Array(result.prefix($0)) } ?? result
            }
            let total = try aged(nil).first ?? ReceivablesReport.AgedLine(name: "", buckets: [:])
            let byCustomer = try aged("cu.name", limit: Self.reportLimit)
            let byRep = try aged("coalesce(c.owner, '')")
            let dueThisWeek = try Self.instalments(db, where: "i.status = 'open' AND i.paid_fen < i.amount_fen AND i.due_on >= ? AND i.due_on <= ? AND c.id IN (SELECT c.id FROM contract c WHERE \(scope))",
                                                   StatementArguments([monday.description, monday.adding(days: 6).description] + scopeArguments),
                                                   limit: Self.reportLimit)
            var weeks: [(week: CalendarDay, amount: Money)] = (0..<12).map { (monday.adding(days: 7 * $0), Money.zero) }
            for row in try Row.fetchAll(db, sql: """
                SELECT CAST((julianday(i.due_on) - julianday(?)) / 7 AS INTEGER) AS week, sum(i.amount_fen - i.paid_fen) AS fen
                FROM instalment i JOIN contract c ON c.id = i.contract_id
                WHERE \(owed) AND i.due_on >= ? AND i.due_on < ? AND \(scope) GROUP BY 1
                """, arguments: StatementArguments([monday.description, monday.description, monday.adding(days: 84).description] + scopeArguments)) {
                let index: Int = row["week"]
                if weeks.indices.contains(index) { weeks[index].amount = Money(fen: row["fen"]) }
            }
            let openFen = try Int64.fetchOne(db, sql: """
                SELECT coalesce(sum(i.amount_fen - i.paid_fen), 0) FROM instalment i JOIN contract c ON c.id = i.contract_id WHERE \(owed) AND \(scope)
                """, arguments: StatementArguments(scopeArguments)) ?? 0
            let contracts = try Row.fetchAll(db, sql: """
                SELECT \(Self.summaryColumns), \(Contracts.selection)
                WHERE contract.id IN (SELECT c.id FROM contract c WHERE \(scope))
                ORDER BY contract.amount_fen - collected_fen DESC, contract.id LIMIT ?
                """, arguments: StatementArguments([day.description] + scopeArguments + [max(0, contractLimit)])).map(Self.summary)
            return ReceivablesReport(asOf: day, aged: total, byCustomer: byCustomer, byRep: byRep, dueThisWeek: dueThisWeek,
                                     expectedByWeek: weeks, contracts: contracts, open: Money(fen: openFen), overdue: total.total)
        }
    }
}
