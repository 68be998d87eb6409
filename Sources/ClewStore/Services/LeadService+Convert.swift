import ClewDomain
import ClewServices
import Foundation
import GRDB

extension LeadConversionSummary {
    /// What lead `id` became, if anything: its customer (by `lead.customer_id`, else the
    /// opportunity's), the contacts made from it and its opportunity.
    static func fetch(leadID id: Int64, _ db: Database) throws -> LeadConversionSummary? {
        guard let row = try Row.fetchOne(db, sql: """
            SELECT coalesce(o.customer_id, l.customer_id) AS customer_id, c.name, l.converted_at, o.id AS opportunity_id, o.status, o.amount_fen
            FROM lead l LEFT JOIN opportunity o ON o.lead_id = l.id
              JOIN customer c ON c.id = coalesce(o.customer_id, l.customer_id)
            WHERE l.id = ? AND (l.converted_at IS NOT NULL OR o.id IS NOT NULL)
            """, arguments: [id]) else { return nil }
        let contacts = try String.fetchAll(db, sql: "SELECT name FROM contact WHERE source_lead_id = ? ORDER BY id", arguments: [id])
        return LeadConversionSummary(
            customerID: row["customer_id"], customerName: row["name"], convertedAt: (row["converted_at"] as Double?).map(Date.init(storage:)),
            contacts: contacts, opportunityID: row["opportunity_id"], opportunityStatus: (row["status"] as String?).flatMap(OpportunityStatus.init(rawValue:)),
            opportunityAmount: (row["amount_fen"] as Int64?).map(Money.init(fen:)))
    }
}

extension LeadService {
    /// Converts an active lead once the rep has confirmed intent (转换线索, seed 003)
    /// (``ClewServices/LeadConversionService/convert(_:contact:opportunity:expectedVersion:)`` on
    /// this database).
    ///
    /// - Throws: ``ClewDomain/IntentConversionError`` (not active, no contact person, nothing
    ///   left to make); ``ClewDomain/PermissionError`` unless the actor may convert the lead
    ///   (its owner, their supervisor, an admin).
    @discardableResult
    public func convert(_ number: String, contact: Bool, opportunity: Bool, expectedVersion: Int? = nil) throws -> LeadConversionSummary {
        try LeadConversionService(context: context, actor: actor).convert(number, contact: contact, opportunity: opportunity,
                                                                          expectedVersion: expectedVersion)
    }
}
