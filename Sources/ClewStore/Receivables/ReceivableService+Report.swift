import ClewDomain
import ClewServices
import Foundation
import GRDB

// MARK: - The receivables report and the finance screen (应收账款)

extension ReceivableService {
    /// The most customers and instalments a report lists.
    public static let reportLimit = 50

    /// The receivables as of `asOf` (default today) over the contracts the actor may see; at
    /// most `contractLimit` contracts listed. Every figure is an aggregate over the index of the
    /// instalments still owed (`instalment_owed`, which covers what is summed), so the finance
    /// screen's first frame reads the owed instalments' index entries and a few hundred rows,
    /// never every contract: instalments exist only on signed contracts (a plan needs the
    /// signature, and a signed contract is never cancelled), so a reader who sees everything
    /// needs no contract at all for the totals; a rep's are limited to the contracts they own.
    public func report(asOf: CalendarDay? = nil, contractLimit: Int = 50) throws -> ReceivablesReport {
        let day = asOf ?? today
        let owner: String? = ReceivableAccess.seesAll(actor) ? nil : (actor.role == .rep ? actor.login : "\u{0}")
        let scope = owner == nil ? "" : " AND i.contract_id IN (SELECT id FROM contract WHERE owner = ? AND status = 'signed')"
        let scopeArguments: [any DatabaseValueConvertible] = owner.map { [$0] } ?? []
        let owed = "i.status = 'open' AND i.paid_fen < i.amount_fen"
        let monday = day.adding(days: -((day.weekday + 5) % 7))
        return try context.read { db in
            // Overdue money by age, customer and rep: one read of the overdue part of the index,
            // summed per contract and age there, then each contract's customer and owner looked
            // up once (not once per instalment), and names read only for the customers listed.
            // Sums per bucket in place (fen by bucket index), made into lines once at the end.
            var total = [Int64](repeating: 0, count: AgeBucket.allCases.count)
            var customerFen: [Int64: [Int64]] = [:]
            var reps: [String: [Int64]] = [:]
            let rows = try Row.fetchCursor(db, sql: """
                SELECT c.customer_id, coalesce(c.owner, ''), o.bucket, o.fen
                FROM (SELECT i.contract_id,
                        CASE WHEN i.due_on >= ? THEN 0 WHEN i.due_on >= ? THEN 1 WHEN i.due_on >= ? THEN 2 ELSE 3 END AS bucket,
                        sum(i.amount_fen - i.paid_fen) AS fen
                      FROM instalment i INDEXED BY instalment_owed
                      WHERE \(owed) AND i.due_on < ?\(scope)
                      GROUP BY 1, 2) o
                JOIN contract c ON c.id = o.contract_id
                """, arguments: StatementArguments([day.adding(days: -30).description, day.adding(days: -60).description,
                                                    day.adding(days: -90).description, day.description] + scopeArguments))
            while let row = try rows.next() {
                let bucket = min(max(row[2] as Int, 0), total.count - 1)
                let fen: Int64 = row[3]
                total[bucket] += fen
                customerFen[row[0] as Int64, default: [0, 0, 0, 0]][bucket] += fen
                reps[row[1] as String, default: [0, 0, 0, 0]][bucket] += fen
            }
            // The listed customers: the most owed, and any tied with the last of them (ties go by name).
            let ranked = customerFen.map { (id: $0.key, sum: $0.value.reduce(0, +)) }.sorted { $0.sum > $1.sum }
            let cutoff = ranked.count > Self.reportLimit ? ranked[Self.reportLimit - 1].sum : Int64.min
            let listed = ranked.prefix { $0.sum >= cutoff }.map(\.id)
            var customers: [String: [Int64]] = [:]
            if !listed.isEmpty {
                let marks = Array(repeating: "?", count: listed.count).joined(separator: ",")
                for row in try Row.fetchAll(db, sql: "SELECT id, name FROM customer WHERE id IN (\(marks))", arguments: StatementArguments(listed)) {
                    let fen = customerFen[row[0] as Int64] ?? [0, 0, 0, 0]
                    customers[row[1] as String] = zip(customers[row[1] as String] ?? [0, 0, 0, 0], fen).map { $0 + $1 }
                }
            }
            func line(_ name: String, _ fen: [Int64]) -> ReceivablesReport.AgedLine {
                var buckets: [AgeBucket: Money] = [:]
                for bucket in AgeBucket.allCases where fen[bucket.rawValue] != 0 { buckets[bucket] = Money(fen: fen[bucket.rawValue]) }
                return ReceivablesReport.AgedLine(name: name, buckets: buckets)
            }
            func lines(_ groups: [String: [Int64]], limit: Int? = nil) -> [ReceivablesReport.AgedLine] {
                let sorted = groups.map { (name: $0.key, fen: $0.value, sum: $0.value.reduce(0, +)) }
                    .sorted { ($0.sum, $1.name) > ($1.sum, $0.name) }
                return (limit.map { Array(sorted.prefix($0)) } ?? sorted).map { line($0.name, $0.fen) }
            }
            let aged = line("", total)
            let dueThisWeek = try Self.instalments(db, index: "instalment_owed", where: "\(owed) AND i.due_on >= ? AND i.due_on <= ?\(scope)",
                                                   StatementArguments([monday.description, monday.adding(days: 6).description] + scopeArguments),
                                                   limit: Self.reportLimit)
            // What is owed per due day (the index's order, no sort): the weeks ahead and the total.
            var weeks: [(week: CalendarDay, amount: Money)] = (0..<12).map { (monday.adding(days: 7 * $0), Money.zero) }
            var openFen: Int64 = 0
            for row in try Row.fetchAll(db, sql: """
                SELECT i.due_on AS due, sum(i.amount_fen - i.paid_fen) AS fen FROM instalment i INDEXED BY instalment_owed
                WHERE \(owed)\(scope) GROUP BY i.due_on
                """, arguments: StatementArguments(scopeArguments)) {
                let fen: Int64 = row["fen"]
                openFen += fen
                guard let due = CalendarDay(row["due"] as String), due >= monday, due < monday.adding(days: 84),
                      let index = weeks.lastIndex(where: { $0.week <= due }) else { continue }
                weeks[index].amount = weeks[index].amount + Money(fen: fen)
            }
            let contracts = try contractsToCollect(limit: max(0, contractLimit), day: day, owner: owner, db)
            return ReceivablesReport(asOf: day, aged: aged, byCustomer: lines(customers, limit: Self.reportLimit), byRep: lines(reps),
                                     dueThisWeek: dueThisWeek, expectedByWeek: weeks, contracts: contracts, open: Money(fen: openFen),
                                     overdue: aged.total)
        }
    }

    /// The `limit` signed contracts with the most left to collect (then the oldest first): a
    /// planned contract's outstanding money is its owed instalments' balance (a plan sums to the
    /// contract), an unplanned one's its amount — so the candidates are the contracts most owed
    /// on the owed-instalment index and the largest unplanned ones on the contracts' amount
    /// index, and only they are summed up.
    private func contractsToCollect(limit: Int, day: CalendarDay, owner: String?, _ db: Database) throws -> [ContractSummary] {
        guard limit > 0 else { return [] }
        let ownerCondition = owner == nil ? "" : " AND c.owner = ?"
        let ownerArguments: [any DatabaseValueConvertible] = owner.map { [$0] } ?? []
        var ids = try Int64.fetchAll(db, sql: """
            SELECT i.contract_id FROM instalment i INDEXED BY instalment_owed_contract
            \(owner == nil ? "" : "JOIN contract c ON c.id = i.contract_id")
            WHERE i.status = 'open' AND i.paid_fen < i.amount_fen\(ownerCondition)
            GROUP BY i.contract_id ORDER BY sum(i.amount_fen - i.paid_fen) DESC, i.contract_id LIMIT ?
            """, arguments: StatementArguments(ownerArguments + [limit]))
        ids += try Int64.fetchAll(db, sql: """
            SELECT c.id FROM contract c INDEXED BY contract_status_amount
            WHERE c.status = 'signed'\(ownerCondition) AND NOT EXISTS (SELECT 1 FROM instalment i WHERE i.contract_id = c.id AND i.status = 'open')
            ORDER BY c.amount_fen DESC LIMIT ?
            """, arguments: StatementArguments(ownerArguments + [limit]))
        if ids.count < limit {
            // Few owe anything: the paid-up ones fill the list, oldest first.
            ids += try Int64.fetchAll(db, sql: "SELECT c.id FROM contract c WHERE c.status = 'signed'\(ownerCondition) ORDER BY c.id LIMIT ?",
                                      arguments: StatementArguments(ownerArguments + [limit]))
        }
        let unique = Array(Set(ids))
        guard !unique.isEmpty else { return [] }
        let marks = Array(repeating: "?", count: unique.count).joined(separator: ", ")
        return try Row.fetchAll(db, sql: "SELECT \(Self.summaryColumns), \(Contracts.selection) WHERE contract.id IN (\(marks))",
                                arguments: StatementArguments([day.description] + unique))
            .map(Self.summary)
            .sorted { ($0.outstanding.fen, $1.contract.id) > ($1.outstanding.fen, $0.contract.id) }
            .prefix(limit).map { $0 }
    }
}
