import ClewDomain
import Foundation
import GRDB

/// Writes a won lead's conversion: customer (reused by exact name), contact, opportunity.
enum Conversions {
    static func record(_ conversion: LeadConversion, lead: Lead, _ m: Mutation) throws {
        let customerID: Int64
        if let existing = try Int64.fetchOne(m.db, sql: "SELECT id FROM customer WHERE name = ? ORDER BY id LIMIT 1", arguments: [conversion.customer.name]) {
            customerID = existing
        } else {
            let c = conversion.customer
            try m.db.execute(
                sql: "INSERT INTO customer (name, industry, region, city, created_by, created_at, source_lead_id) VALUES (?, ?, ?, ?, ?, ?, ?)",
                arguments: [c.name, c.industry, c.region, c.city, m.actor.login, m.now.storage, lead.id])
            customerID = m.db.lastInsertedRowID
            try m.audit("convert", entity: "customer", id: customerID, field: "name", new: c.name)
        }
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
