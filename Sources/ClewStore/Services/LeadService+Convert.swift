import ClewDomain
import ClewServices
import Foundation
import GRDB

extension LeadConversionSummary {
    /// What exists, as ``IntentConversion/plan(_:contact:opportunity:existing:)`` reads it.
    var existing: IntentConversion.Existing {
        IntentConversion.Existing(customerID: customerID, converted: convertedAt != nil || opportunityID != nil,
                                  hasContact: !contacts.isEmpty, opportunity: opportunityStatus)
    }
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
    /// Converts an active lead once the rep has confirmed intent (转换线索, seed 003): the
    /// customer always (the lead's own, or one of the same name, else a new one), the contact
    /// and an open opportunity when asked for. Converting again adds what was not made. The
    /// win then closes that opportunity; a loss closes it as lost.
    ///
    /// - Throws: ``ClewDomain/IntentConversionError`` (not active, no contact person, nothing
    ///   left to make); ``ClewDomain/PermissionError`` unless the actor may convert the lead
    ///   (its owner, their supervisor, an admin).
    @discardableResult
    public func convert(_ number: String, contact: Bool, opportunity: Bool, expectedVersion: Int? = nil) throws -> LeadConversionSummary {
        try context.mutate(as: actor) { m in
            let lead = try LeadLookup.require(m, number, for: .convert, expectedVersion: expectedVersion)
            let before = try LeadConversionSummary.fetch(leadID: lead.id, m.db)
            let existing = before?.existing ?? IntentConversion.Existing(customerID: lead.customerID)
            let plan = try IntentConversion.plan(lead, contact: contact, opportunity: opportunity, existing: existing)
            let made = try Conversions.record(plan, lead: lead, m)
            var updated = lead
            updated.customerID = made.customerID
            _ = try m.update(lead, to: updated, action: .convert, also: ["converted_at": before?.convertedAt?.storage ?? m.now.storage])
            if let supervisor = try owningSupervisor(of: lead, m.db) {
                try m.notify(supervisor, kind: "converted", leadID: lead.id,
                             body: "\(actor.login) converted \(lead.number) into customer \(plan.customer.name)",
                             parameters: [actor.login, lead.number.description, plan.customer.name])
            }
            guard let summary = try LeadConversionSummary.fetch(leadID: lead.id, m.db) else {
                throw StoreError.notFound("the conversion of \(lead.number) was not stored")
            }
            return summary
        }
    }
}
