import ClewDomain
import Foundation
import GRDB

/// Writes a won lead's conversion: customer (its contract's, else reused by exact name), contact, opportunity.
enum Conversions {
    static func record(_ conversion: LeadConversion, lead: Lead, _ m: Mutation) throws {
        let customerID = try CustomerRecords.ensure(for: lead, conversion.customer, action: "convert", m)
        if let contact = conversion.contact {
            let known = try Bool.fetchOne(
                m.db, sql: "SELECT EXISTS (SELECT 1 FROM contact WHERE customer_id = ? AND name = ? AND (phone_key IS ? OR phone_key IS NULL))",
                arguments: [customerID, contact.name, contact.phoneKey]) ?? false
            if !known {
                try m.db.execute(
                    sql: "INSERT INTO contact (customer_id, name, title, phone, phone_key, email, created_at, source_lead_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    arguments: [customerID, contact.name, contact.title, contact.phone, contact.phoneKey, contact.email, m.now.storage, lead.id])
                try m.audit("convert", entity: "contact", id: m.db.lastInsertedRowID, field: "name", new: contact.name)
            }
        }
        let o = conversion.opportunity
        try m.db.execute(
            sql: "INSERT INTO opportunity (customer_id, lead_id, title, amount_fen, owner, won_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            arguments: [customerID, lead.id, o.title, o.amount.fen, o.owner, o.wonAt.storage, m.now.storage])
        try m.audit("convert", entity: "opportunity", id: m.db.lastInsertedRowID, field: "amount", new: o.amount.description)
    }
}
