import ClewDomain
import ClewServices
import Foundation
import GRDB

// MARK: - Customers (客户)

extension ReceivableService {
    /// The customers the actor may see (a rep: those of their own deals), by name, at most
    /// `limit` from `offset` (the customer screen reads a page at a time).
    public func customers(matching text: String? = nil, offset: Int = 0, limit: Int = 500) throws -> [CustomerSummary] {
        var conditions: [String] = []
        var arguments: [any DatabaseValueConvertible] = [today.description]
        if !ReceivableAccess.seesAll(actor) {
            guard actor.role == .rep else { return [] }
            conditions.append("""
                (EXISTS (SELECT 1 FROM contract k WHERE k.customer_id = customer.id AND k.owner = ?)
                 OR EXISTS (SELECT 1 FROM opportunity o WHERE o.customer_id = customer.id AND o.owner = ?))
                """)
            arguments += [actor.login, actor.login]
        }
        if let text = text.map(TextNormalization.trimmed), !text.isEmpty {
            conditions.append("customer.name LIKE ? ESCAPE '\\'")
            arguments.append("%" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
                .replacingOccurrences(of: "_", with: "\\_") + "%")
        }
        let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        return try context.read { db in
            try Row.fetchAll(db, sql: "SELECT \(Self.customerColumns) FROM customer \(filter) ORDER BY customer.name, customer.id LIMIT ? OFFSET ?",
                             arguments: StatementArguments(arguments + [max(1, min(limit, 100_000)), max(0, offset)])).map { try Self.customer($0, db) }
        }
    }

    /// One customer (by id or exact name) with contacts, contracts, payments and timeline.
    public func customer(_ key: String) throws -> CustomerDetail {
        let key = TextNormalization.trimmed(key)
        return try context.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT \(Self.customerColumns) FROM customer WHERE customer.id = ? OR customer.name = ? LIMIT 1",
                                             arguments: [today.description, Int64(key) ?? -1, key]) else {
                throw ReceivableAccessError.notVisible(key)
            }
            let summary = try Self.customer(row, db)
            if !ReceivableAccess.seesAll(actor) {
                let own = try Bool.fetchOne(db, sql: """
                    SELECT EXISTS (SELECT 1 FROM contract WHERE customer_id = ? AND owner = ?)
                        OR EXISTS (SELECT 1 FROM opportunity WHERE customer_id = ? AND owner = ?)
                    """, arguments: [summary.id, actor.login, summary.id, actor.login]) ?? false
                guard actor.role == .rep, own else { throw ReceivableAccessError.notVisible(key) }
            }
            let contacts = try Row.fetchAll(db, sql: "SELECT name, title, phone, email FROM contact WHERE customer_id = ? ORDER BY id",
                                            arguments: [summary.id]).map {
                CustomerContact(name: $0["name"], title: $0["title"], phone: $0["phone"], email: $0["email"])
            }
            var contractConditions = "contract.customer_id = ?"
            var contractArguments: [any DatabaseValueConvertible] = [today.description, summary.id]
            if !ReceivableAccess.seesAll(actor) { contractConditions += " AND contract.owner = ?"; contractArguments.append(actor.login) }
            let contracts = try Row.fetchAll(db, sql: """
                SELECT \(Self.summaryColumns), \(Contracts.selection) WHERE \(contractConditions) ORDER BY contract.id
                """, arguments: StatementArguments(contractArguments)).map(Self.summary)
            let ids = contracts.map(\.contract.id)
            let payments = try Self.payments(db, where: "p.contract_id IN (\(ids.isEmpty ? "NULL" : ids.map(String.init).joined(separator: ",")))", [])
            return CustomerDetail(summary: summary, contacts: contacts, contracts: contracts, payments: payments,
                                  timeline: try timeline(customer: summary.id, contracts: ids, payments: payments.map(\.id), db))
        }
    }

    /// The last changes to a customer, its contracts, their lines, plans, invoices and payments.
    private func timeline(customer: Int64, contracts: [Int64], payments: [Int64], _ db: Database) throws -> [CustomerEvent] {
        func list(_ ids: [Int64]) -> String { ids.isEmpty ? "NULL" : ids.map(String.init).joined(separator: ",") }
        let c = list(contracts)
        return try Row.fetchAll(db, sql: """
            SELECT at, actor, action, entity, field, new FROM audit WHERE
              (entity = 'customer' AND entity_id = ?)
              OR (entity = 'contract' AND entity_id IN (\(c)))
              OR (entity = 'payment' AND entity_id IN (\(list(payments))))
              OR (entity = 'invoice' AND entity_id IN (SELECT id FROM invoice WHERE contract_id IN (\(c))))
              OR (entity = 'instalment' AND action IN ('plan', 'overdue') AND entity_id IN (SELECT id FROM instalment WHERE contract_id IN (\(c))))
            ORDER BY id DESC LIMIT 60
            """, arguments: [customer]).map {
            let field: String? = $0["field"]
            let new: String? = $0["new"]
            return CustomerEvent(at: Date(storage: $0["at"]), actor: $0["actor"], action: $0["action"], entity: $0["entity"],
                                 detail: [field, new].compactMap { $0 }.joined(separator: " "))
        }
    }

    /// The customer columns ``customer(_:_:)`` reads (the first argument is today).
    static let customerColumns = """
        customer.id, customer.name, customer.industry, customer.region,
        (SELECT count(*) FROM contract k WHERE k.customer_id = customer.id AND k.status != 'cancelled') AS contracts,
        (SELECT coalesce(sum(k.amount_fen), 0) FROM contract k WHERE k.customer_id = customer.id AND k.status = 'signed') AS contracted_fen,
        (SELECT coalesce(sum(i.paid_fen), 0) FROM instalment i JOIN contract k ON k.id = i.contract_id
          WHERE k.customer_id = customer.id AND i.status = 'open') AS collected_fen,
        (SELECT coalesce(sum(i.amount_fen - i.paid_fen), 0) FROM instalment i JOIN contract k ON k.id = i.contract_id
          WHERE k.customer_id = customer.id AND i.status = 'open' AND i.paid_fen < i.amount_fen AND i.due_on < ?) AS overdue_fen
        """

    static func customer(_ row: Row, _ db: Database) throws -> CustomerSummary {
        let id: Int64 = row["id"]
        return CustomerSummary(id: id, name: row["name"], industry: row["industry"], region: row["region"], contracts: row["contracts"],
                               contracted: Money(fen: row["contracted_fen"]), collected: Money(fen: row["collected_fen"]),
                               overdue: Money(fen: row["overdue_fen"]), credit: try credit(ofCustomer: id, db))
    }
}
