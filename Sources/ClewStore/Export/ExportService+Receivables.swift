import ClewDomain
import ClewServices
import Foundation
import GRDB

// MARK: - Contracts, instalments, payments and invoices (issue 14)

extension ExportService {
    /// The kinds after the win.
    static let receivableKinds: Set<Kind> = [.contracts, .instalments, .payments, .invoices]

    /// The header of a receivable kind's table (amounts in yuan with two decimals).
    static func receivableHeader(_ kind: Kind) -> [String] {
        switch kind {
        case .contracts: ["number", "lead", "customer", "owner", "status", "amount", "signedOn", "delivery", "collected", "invoiced"]
        case .instalments: ["id", "contract", "customer", "sequence", "dueOn", "amount", "paid", "status", "overdue"]
        case .payments: ["id", "contract", "customer", "amount", "receivedOn", "reference", "reverses", "reason", "recordedBy"]
        case .invoices: ["id", "contract", "customer", "number", "kind", "amount", "taxRate", "issuedOn", "recordedBy"]
        default: []
        }
    }

    /// Streams a receivable kind over the contracts the actor may read (``ReceivableAccess``:
    /// finance, supervisors, admins and support all; a rep their own deals'; others none), a
    /// page at a time by id.
    func receivableRows(_ kind: Kind, _ body: ([String]) throws -> Void) throws -> Int {
        var scope = "1"
        var arguments: [any DatabaseValueConvertible] = []
        if !ReceivableAccess.seesAll(actor) {
            scope = actor.role == .rep ? "c.owner = ?" : "0"
            if actor.role == .rep { arguments.append(actor.login) }
        }
        let (sql, id): (String, String) = switch kind {
        case .contracts:
            ("""
            SELECT c.id, c.number, l.number AS lead_number, cu.name AS customer, c.owner, c.status, c.amount_fen, c.signed_on, c.delivery_on,
              (SELECT coalesce(sum(i.paid_fen), 0) FROM instalment i WHERE i.contract_id = c.id AND i.status = 'open') AS collected_fen,
              (SELECT coalesce(sum(v.amount_fen), 0) FROM invoice v WHERE v.contract_id = c.id) AS invoiced_fen
            FROM contract c JOIN customer cu ON cu.id = c.customer_id LEFT JOIN lead l ON l.id = c.lead_id
            """, "c.id")
        case .instalments:
            ("""
            SELECT i.id, c.number AS contract, cu.name AS customer, i.sequence, i.due_on, i.amount_fen, i.paid_fen, i.status, i.overdue_at
            FROM instalment i JOIN contract c ON c.id = i.contract_id JOIN customer cu ON cu.id = c.customer_id
            """, "i.id")
        case .payments:
            ("""
            SELECT p.id, c.number AS contract, cu.name AS customer, p.amount_fen, p.received_on, p.reference, p.reverses, p.reason, p.created_by
            FROM payment p JOIN contract c ON c.id = p.contract_id JOIN customer cu ON cu.id = c.customer_id
            """, "p.id")
        default:
            ("""
            SELECT v.id, c.number AS contract, cu.name AS customer, v.number, v.kind, v.amount_fen, v.tax_rate_bp, v.issued_on, v.created_by
            FROM invoice v JOIN contract c ON c.id = v.contract_id JOIN customer cu ON cu.id = c.customer_id
            """, "v.id")
        }
        func yuan(_ fen: Int64) -> String {
            let sign = fen < 0 ? "-" : ""
            let magnitude = fen.magnitude
            let cents = magnitude % 100
            return "\(sign)\(magnitude / 100).\(cents < 10 ? "0" : "")\(cents)"
        }
        func cells(_ row: Row) -> [String] {
            func text(_ column: String) -> String { (row[column] as String?) ?? "" }
            func number(_ column: String) -> String { (row[column] as Int64?).map(String.init) ?? "" }
            func money(_ column: String) -> String { yuan((row[column] as Int64?) ?? 0) }
            switch kind {
            case .contracts:
                return [text("number"), text("lead_number"), text("customer"), text("owner"), text("status"), money("amount_fen"),
                        text("signed_on"), text("delivery_on"), money("collected_fen"), money("invoiced_fen")]
            case .instalments:
                return [number("id"), text("contract"), text("customer"), number("sequence"), text("due_on"), money("amount_fen"),
                        money("paid_fen"), text("status"), (row["overdue_at"] as Double?) == nil ? "" : "yes"]
            case .payments:
                return [number("id"), text("contract"), text("customer"), money("amount_fen"), text("received_on"), text("reference"),
                        number("reverses"), text("reason"), text("created_by")]
            default:
                let rate = (row["tax_rate_bp"] as Int?) ?? 0
                return [number("id"), text("contract"), text("customer"), text("number"), text("kind"), money("amount_fen"),
                        "\(rate / 100)\(rate % 100 == 0 ? "" : ".\(rate % 100 < 10 ? "0" : "")\(rate % 100)")%", text("issued_on"), text("created_by")]
            }
        }
        var afterID: Int64 = 0
        var count = 0
        while true {
            let page = try context.database.read { db in
                try Row.fetchAll(db, sql: "\(sql) WHERE \(scope) AND \(id) > ? ORDER BY \(id) LIMIT \(Self.pageSize)",
                                 arguments: StatementArguments(arguments + [afterID]))
            }
            for row in page { try body(cells(row)) }
            count += page.count
            guard page.count == Self.pageSize, let last = page.last else { return count }
            afterID = last["id"]
        }
    }
}
