import ClewDomain
import ClewServices
import Foundation
import GRDB

/// A deal's contract through its life, as the lead's services move it: opened as a draft on
/// entering the contract stage (合同签订), signed on the win, cancelled when the deal is lost.
enum Contracts {
    /// Opens (or reopens) `lead`'s draft contract on its customer (made now if needed).
    @discardableResult
    static func open(for lead: Lead, context: ClewContext, _ m: Mutation) throws -> Int64 {
        if let row = try Row.fetchOne(m.db, sql: "SELECT id, status FROM contract WHERE lead_id = ?", arguments: [lead.id]) {
            let id: Int64 = row["id"]
            if row["status"] as String == ContractStatus.cancelled.rawValue {
                try m.change(.contract, .id(id), ["status": ContractStatus.draft.rawValue, "owner": lead.owner], action: "reopen")
            }
            return id
        }
        let customerID = try CustomerRecords.ensure(for: lead, action: "contract", m)
        let number = Contract.number(forLead: lead.number.description)
        return try m.insert(into: .contract, [
            "number": number, "customer_id": customerID, "lead_id": lead.id, "owner": lead.owner,
            "status": ContractStatus.draft.rawValue, "amount_fen": lead.amount?.fen ?? 0,
            "created_by": m.actor.login, "created_at": m.now.storage,
        ], action: "open", summary: ("number", number))
    }

    /// Signs `lead`'s contract on the win (opening it first when the win skipped the contract
    /// stage): signed today, for `amount` unless its lines already total it.
    static func sign(for lead: Lead, amount: Money, context: ClewContext, _ m: Mutation) throws {
        let id = try open(for: lead, context: context, m)
        let hasLines = try Bool.fetchOne(m.db, sql: "SELECT EXISTS (SELECT 1 FROM contract_line WHERE contract_id = ? AND removed_at IS NULL)",
                                         arguments: [id]) ?? false
        let today = CalendarDay.containing(m.now, in: context.calendar.timeZone)
        if hasLines {
            try m.change(.contract, .id(id), ["status": ContractStatus.signed.rawValue, "signed_on": today.description, "owner": lead.owner],
                         action: "sign")
        } else {
            try m.change(.contract, .id(id), ["status": ContractStatus.signed.rawValue, "signed_on": today.description, "owner": lead.owner,
                                               "amount_fen": amount.fen], action: "sign")
        }
    }

    /// Cancels `lead`'s draft contract (the deal was lost); a signed one stays.
    static func cancel(leadID: Int64, _ m: Mutation) throws {
        guard let id = try Int64.fetchOne(m.db, sql: "SELECT id FROM contract WHERE lead_id = ? AND status = 'draft'", arguments: [leadID]) else {
            return
        }
        try m.change(.contract, .id(id), ["status": ContractStatus.cancelled.rawValue], action: "cancel")
    }

    // MARK: - Reading

    /// The columns ``contract(_:)`` reads.
    static let selection = """
        contract.id, contract.number, contract.customer_id, customer.name AS customer_name, contract.lead_id, lead.number AS lead_number,
        contract.owner, contract.status, contract.amount_fen, contract.signed_on, contract.delivery_on, contract.version
        FROM contract JOIN customer ON customer.id = contract.customer_id JOIN lead ON lead.id = contract.lead_id
        """

    static func contract(_ row: Row) -> Contract {
        Contract(id: row["id"], number: row["number"], customerID: row["customer_id"], customerName: row["customer_name"], leadID: row["lead_id"],
                 leadNumber: row["lead_number"], owner: row["owner"], status: ContractStatus(rawValue: row["status"]) ?? .draft,
                 amount: Money(fen: row["amount_fen"]), signedOn: (row["signed_on"] as String?).flatMap(CalendarDay.init),
                 expectedDelivery: (row["delivery_on"] as String?).flatMap(CalendarDay.init), version: row["version"])
    }

    /// The contract numbered `number` (or of the deal `number`), with its lines.
    static func find(_ number: String, _ db: Database) throws -> Contract? {
        let key = TextNormalization.trimmed(number)
        guard let row = try Row.fetchOne(db, sql: "SELECT \(selection) WHERE contract.number = ? OR lead.number = ? LIMIT 1",
                                         arguments: [key, key]) else { return nil }
        var contract = contract(row)
        contract.lines = try Row.fetchAll(db, sql: """
            SELECT item, quantity, unit_price_fen FROM contract_line WHERE contract_id = ? AND removed_at IS NULL ORDER BY position
            """, arguments: [contract.id]).map { ContractLine(item: $0["item"], quantity: $0["quantity"], unitPrice: Money(fen: $0["unit_price_fen"])) }
        return contract
    }
}
