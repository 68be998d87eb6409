import ClewDomain
import ClewServices
import Foundation
import GRDB

/// After the win (issue 14): contracts, invoices (开票), payment plans (回款计划), payments
/// (回款记录) and the customers they belong to. Permissions are ``ReceivableAccess``'s: finance
/// and supervisors see everything, a rep the customers of their own deals, support reads;
/// finance records the money. Every change goes through ``Mutation`` and is audited.
///
/// ```swift
/// let finance = ReceivableService(context: context, actor: fred)
/// try finance.plan("HT-20261123-0001", .evenly(count: 3, every: .days(30), first: nil))
/// try finance.addPayment("HT-20261123-0001", amount: Money(yuan: 100_000), on: nil, reference: "BANK-1", credit: false)
/// ```
public struct ReceivableService: Sendable {
    let context: ClewContext
    public let actor: ActingUser

    public init(context: ClewContext, actor: ActingUser) {
        self.context = context
        self.actor = actor
    }

    /// Today in the team's time zone.
    var today: CalendarDay { CalendarDay.containing(context.clock.now(), in: context.calendar.timeZone) }

    /// The reminder levels in force (the process file's `[[receivable.level]]`).
    var levels: [ReceivableLevel] { context.process.receivableLevels }

    // MARK: - Contracts

    /// The contracts the actor may see, newest first (at most `limit`), with their figures.
    public func contracts(status: ContractStatus? = nil, customerID: Int64? = nil, limit: Int = 500) throws -> [ContractSummary] {
        var conditions: [String] = []
        var arguments: [any DatabaseValueConvertible] = []
        if !ReceivableAccess.seesAll(actor) {
            guard actor.role == .rep else { return [] }
            conditions.append("contract.owner = ?")
            arguments.append(actor.login)
        }
        if let status { conditions.append("contract.status = ?"); arguments.append(status.rawValue) }
        if let customerID { conditions.append("contract.customer_id = ?"); arguments.append(customerID) }
        let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        return try context.read { db in
            try Row.fetchAll(db, sql: "SELECT \(Self.summaryColumns), \(Contracts.selection) \(filter) ORDER BY contract.id DESC LIMIT ?",
                             arguments: StatementArguments([today.description] + arguments + [max(1, min(limit, 100_000))]))
                .map(Self.summary)
        }
    }

    /// One contract with its plan, payments and invoices.
    ///
    /// - Throws: ``ContractError/unknown(_:)`` when there is none the actor may see.
    public func contract(_ number: String) throws -> ContractDetail {
        try context.read { db in try detail(of: try visible(number, for: .read, db), db) }
    }

    /// Changes a contract's lines (replacing them all), amount, signed date or expected delivery.
    /// Lines and amount change on a draft only; the amount of a contract with lines is their
    /// total.
    ///
    /// - Throws: ``ReceivableAccessError``, ``ContractError``, ``StoreError/staleVersion(entity:changedBy:at:)``
    ///   when `expectedVersion` is older than the contract.
    @discardableResult
    public func editContract(_ number: String, lines: [ContractLine]? = nil, amount: Money? = nil, signedOn: CalendarDay? = nil,
                             delivery: CalendarDay? = nil, expectedVersion: Int? = nil) throws -> ContractDetail {
        let total = try lines.map(ContractLine.total(of:))
        if let amount, !amount.isWithinLimit || amount.fen < 0 { throw ContractError.amountAboveLimit(number) }
        return try context.mutate(as: actor) { m in
            let contract = try visible(number, for: .editContract, m.db)
            if let expectedVersion, expectedVersion != contract.version {
                let last = try Row.fetchOne(m.db, sql: "SELECT actor, at FROM audit WHERE entity = 'contract' AND entity_id = ? ORDER BY id DESC LIMIT 1",
                                            arguments: [contract.id])
                throw StoreError.staleVersion(entity: contract.number, changedBy: last?["actor"] ?? "?", at: Date(storage: last?["at"] ?? 0))
            }
            if lines != nil || amount != nil, contract.status != .draft { throw ContractError.notDraft(contract.number, contract.status) }
            if let lines, let total {
                for id in try Int64.fetchAll(m.db, sql: "SELECT id FROM contract_line WHERE contract_id = ? AND removed_at IS NULL", arguments: [contract.id]) {
                    try m.change(.contractLine, .id(id), ["removed_at": m.now.storage], action: "remove")
                }
                for (position, line) in lines.enumerated() {
                    try m.insert(into: .contractLine, [
                        "contract_id": contract.id, "position": position + 1, "item": line.item, "quantity": line.quantity,
                        "unit_price_fen": line.unitPrice.fen, "total_fen": try line.total().fen,
                    ], summary: ("item", line.item))
                }
                try m.change(.contract, .id(contract.id), ["amount_fen": total.fen], action: "edit")
            } else if let amount {
                try m.change(.contract, .id(contract.id), ["amount_fen": amount.fen], action: "edit")
            }
            if let signedOn { try m.change(.contract, .id(contract.id), ["signed_on": signedOn.description], action: "edit") }
            if let delivery { try m.change(.contract, .id(contract.id), ["delivery_on": delivery.description], action: "edit") }
            guard let updated = try Contracts.find(contract.number, m.db) else { throw ContractError.unknown(number) }
            return try detail(of: updated, m.db)
        }
    }

    // MARK: - Helpers

    /// The contract `number` (or the deal numbered so), when the actor may do `action` to it.
    func visible(_ number: String, for action: ReceivableAccess.Action, _ db: Database) throws -> Contract {
        guard let contract = try Contracts.find(number, db),
              ReceivableAccess.allows(.read, owner: contract.owner, status: contract.status, by: actor)
        else { throw ContractError.unknown(number) }
        try ReceivableAccess.check(action, contract, by: actor)
        return contract
    }

    func detail(of contract: Contract, _ db: Database) throws -> ContractDetail {
        guard let row = try Row.fetchOne(db, sql: "SELECT \(Self.summaryColumns), \(Contracts.selection) WHERE contract.id = ?",
                                         arguments: [today.description, contract.id]) else { throw ContractError.unknown(contract.number) }
        var summary = Self.summary(row)
        summary.contract = contract
        let instalments = try Self.instalments(db, where: "i.contract_id = ? AND i.status = 'open'", [contract.id])
        let payments = try Self.payments(db, where: "p.contract_id = ?", [contract.id])
        let invoices = try Row.fetchAll(db, sql: "SELECT * FROM invoice WHERE contract_id = ? ORDER BY id", arguments: [contract.id]).map(Self.invoice)
        return ContractDetail(summary: summary, instalments: instalments, payments: payments, invoices: invoices,
                              customerCredit: try Self.credit(ofCustomer: contract.customerID, db))
    }

    /// The figures beside ``Contracts/selection`` (the first argument is today).
    static let summaryColumns = """
        (SELECT count(*) FROM instalment i WHERE i.contract_id = contract.id AND i.status = 'open' AND i.paid_fen >= i.amount_fen) AS paid_plans,
        (SELECT count(*) FROM instalment i WHERE i.contract_id = contract.id AND i.status = 'open') AS total_plans,
        (SELECT coalesce(sum(i.paid_fen), 0) FROM instalment i WHERE i.contract_id = contract.id AND i.status = 'open') AS collected_fen,
        (SELECT coalesce(sum(i.amount_fen - i.paid_fen), 0) FROM instalment i
          WHERE i.contract_id = contract.id AND i.status = 'open' AND i.paid_fen < i.amount_fen AND i.due_on < ?) AS overdue_fen,
        (SELECT coalesce(sum(v.amount_fen), 0) FROM invoice v WHERE v.contract_id = contract.id) AS invoiced_fen
        """

    static func summary(_ row: Row) -> ContractSummary {
        ContractSummary(contract: Contracts.contract(row), paidPlans: row["paid_plans"], totalPlans: row["total_plans"],
                        collected: Money(fen: row["collected_fen"]), invoiced: Money(fen: row["invoiced_fen"]), overdue: Money(fen: row["overdue_fen"]))
    }

    static func instalments(_ db: Database, index: String? = nil, where condition: String, _ arguments: StatementArguments,
                            order: String = "i.due_on, i.sequence", limit: Int? = nil) throws -> [InstalmentItem] {
        try Row.fetchAll(db, sql: """
            SELECT i.id, c.number AS contract_number, cu.name AS customer_name, i.sequence, i.due_on, i.amount_fen, i.paid_fen, i.overdue_at
            FROM instalment i\(index.map { " INDEXED BY \($0)" } ?? "") JOIN contract c ON c.id = i.contract_id JOIN customer cu ON cu.id = c.customer_id WHERE \(condition) ORDER BY \(order)\(limit.map { " LIMIT \($0)" } ?? "")
            """, arguments: arguments).map {
            InstalmentItem(id: $0["id"], contractNumber: $0["contract_number"], customerName: $0["customer_name"], sequence: $0["sequence"],
                           due: CalendarDay($0["due_on"] as String) ?? CalendarDay(year: 1970, month: 1, day: 1),
                           amount: Money(fen: $0["amount_fen"]), paid: Money(fen: $0["paid_fen"]),
                           overdueAt: ($0["overdue_at"] as Double?).map(Date.init(storage:)))
        }
    }

    static func payments(_ db: Database, where condition: String, _ arguments: StatementArguments, limit: Int = 1_000) throws -> [PaymentItem] {
        try Row.fetchAll(db, sql: """
            SELECT p.*, c.number AS contract_number, cu.name AS customer_name,
                   (SELECT r.id FROM payment r WHERE r.reverses = p.id) AS reversed_by,
                   p.amount_fen - coalesce((SELECT sum(a.amount_fen) FROM payment_allocation a WHERE a.payment_id = p.id), 0) AS unallocated_fen
            FROM payment p JOIN contract c ON c.id = p.contract_id JOIN customer cu ON cu.id = p.customer_id
            WHERE \(condition) ORDER BY p.id LIMIT \(limit)
            """, arguments: arguments).map {
            PaymentItem(id: $0["id"], contractNumber: $0["contract_number"], customerName: $0["customer_name"], amount: Money(fen: $0["amount_fen"]),
                        receivedOn: CalendarDay($0["received_on"] as String) ?? CalendarDay(year: 1970, month: 1, day: 1),
                        reference: $0["reference"], reverses: $0["reverses"], reversedBy: $0["reversed_by"], reason: $0["reason"],
                        recordedBy: $0["created_by"], unallocated: Money(fen: $0["unallocated_fen"]))
        }
    }

    static func invoice(_ row: Row) -> Invoice {
        Invoice(id: row["id"], contractID: row["contract_id"], number: row["number"], kind: InvoiceKind(rawValue: row["kind"]) ?? .normal,
                amount: Money(fen: row["amount_fen"]), taxRate: TaxRate(basisPoints: row["tax_rate_bp"]),
                issuedOn: CalendarDay(row["issued_on"] as String) ?? CalendarDay(year: 1970, month: 1, day: 1), recordedBy: row["created_by"])
    }

    /// The payments of a customer with money not yet allocated (neither reversed nor reversals).
    static let creditPayments = """
        SELECT p.id, p.amount_fen - coalesce((SELECT sum(a.amount_fen) FROM payment_allocation a WHERE a.payment_id = p.id), 0) AS left_fen
        FROM payment p WHERE p.customer_id = ? AND p.reverses IS NULL AND NOT EXISTS (SELECT 1 FROM payment r WHERE r.reverses = p.id)
        """

    /// The credit a customer has: what its payments have not allocated.
    static func credit(ofCustomer id: Int64, _ db: Database) throws -> Money {
        Money(fen: try Int64.fetchOne(db, sql: "SELECT coalesce(sum(left_fen), 0) FROM (\(creditPayments))", arguments: [id]) ?? 0)
    }
}
