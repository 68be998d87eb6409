import ClewDomain
import ClewServices
import Foundation
import GRDB

/// The customer (客户) record a deal belongs to, made once: by its contract (entering the
/// contract stage) or by the win's conversion, whichever comes first.
enum CustomerRecords {
    /// The id of `lead`'s customer: the one its contract or an earlier deal already names, else
    /// one with exactly `customer`'s name, else a new one (audited as `action`). Without
    /// `customer`, the one the lead's details describe.
    static func ensure(for lead: Lead, _ customer: LeadConversion.Customer? = nil, action: String, _ m: Mutation) throws -> Int64 {
        let details = lead.details
        let name = customer?.name ?? details.customer ?? lead.number.description
        if let id = try Int64.fetchOne(m.db, sql: "SELECT customer_id FROM contract WHERE lead_id = ?", arguments: [lead.id]) { return id }
        if let id = lead.customerID, try Bool.fetchOne(m.db, sql: "SELECT EXISTS (SELECT 1 FROM customer WHERE id = ?)", arguments: [id]) == true {
            return id
        }
        if let existing = try Int64.fetchOne(m.db, sql: "SELECT id FROM customer WHERE name = ? ORDER BY id LIMIT 1", arguments: [name]) {
            return existing
        }
        return try m.insert(into: .customer, [
            "name": name, "industry": customer?.industry ?? details.industry, "region": customer?.region ?? details.region,
            "city": customer?.city ?? details.city,
            "created_by": m.actor.login, "created_at": m.now.storage, "source_lead_id": lead.id,
        ], action: action, summary: ("name", name))
    }
}
