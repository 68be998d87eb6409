import ClewDomain
import ClewServices
import Foundation
import GRDB

/// Writes what a lead becomes: the customer (the lead's own when it was converted or comes
/// from one, else reused by exact name), the contact and the opportunity — before the win
/// (``IntentConversion``) or at it (``LeadConversion``), which then closes the open opportunity.
enum Conversions {
    /// The win: the converted opportunity becomes won, or a won one is created.
    static func record(_ conversion: LeadConversion, lead: Lead, _ m: Mutation) throws {
        let customerID = try customer(conversion.customer, for: lead, m)
        if let contact = conversion.contact { try addContact(contact, customerID: customerID, lead: lead, m) }
        let o = conversion.opportunity
        if let existing = try Int64.fetchOne(m.db, sql: "SELECT id FROM opportunity WHERE lead_id = ?", arguments: [lead.id]) {
            try m.change(.opportunity, .id(existing), [
                "status": OpportunityStatus.won.rawValue, "amount_fen": o.amount.fen, "won_at": o.wonAt.storage,
                "closed_at": o.wonAt.storage, "owner": o.owner,
            ], action: "win", silent: ["closed_at"])
            return
        }
        try m.db.execute(
            sql: "INSERT INTO opportunity (customer_id, lead_id, title, amount_fen, owner, status, won_at, closed_at, created_at) VALUES (?, ?, ?, ?, ?, 'won', ?, ?, ?)",
            arguments: [customerID, lead.id, o.title, o.amount.fen, o.owner, o.wonAt.storage, o.wonAt.storage, m.now.storage])
        try m.audit("convert", entity: "opportunity", id: m.db.lastInsertedRowID, field: "amount", new: o.amount.description)
    }

    /// Before the win: the customer, and the contact and open opportunity `conversion` asks for.
    /// Returns the customer's id and the opportunity's, when one was made or reopened.
    static func record(_ conversion: IntentConversion, lead: Lead, _ m: Mutation) throws -> (customerID: Int64, opportunityID: Int64?) {
        let customerID = try customer(conversion.customer, for: lead, m)
        if let contact = conversion.contact { try addContact(contact, customerID: customerID, lead: lead, m) }
        guard let o = conversion.opportunity else { return (customerID, nil) }
        if let lost = try Int64.fetchOne(m.db, sql: "SELECT id FROM opportunity WHERE lead_id = ?", arguments: [lead.id]) {
            // A lead lost and reopened converts into the opportunity it had.
            try m.change(.opportunity, .id(lost), ["status": OpportunityStatus.open.rawValue, "closed_at": nil, "amount_fen": o.expectedAmount?.fen,
                                                    "owner": o.owner], action: "reopen", silent: ["closed_at"])
            return (customerID, lost)
        }
        let id = try m.insert(into: .opportunity, [
            "customer_id": customerID, "lead_id": lead.id, "title": o.title, "amount_fen": o.expectedAmount?.fen, "owner": o.owner,
            "status": OpportunityStatus.open.rawValue, "created_at": m.now.storage,
        ], action: "convert", summary: ("status", OpportunityStatus.open.rawValue))
        return (customerID, id)
    }

    /// A loss closes the lead's open opportunity as lost.
    static func closeLost(leadID: Int64, _ m: Mutation) throws {
        guard let open = try Int64.fetchOne(m.db, sql: "SELECT id FROM opportunity WHERE lead_id = ? AND status = 'open'", arguments: [leadID]) else {
            return
        }
        try m.change(.opportunity, .id(open), ["status": OpportunityStatus.lost.rawValue, "closed_at": m.now.storage], action: "lose", silent: ["closed_at"])
    }

    /// The lead's customer: the one it was converted into or comes from, else one with the same
    /// name, else a new one.
    /// The customer the lead becomes (its contract's, its own, one of the same name, else a new one).
    private static func customer(_ c: LeadConversion.Customer, for lead: Lead, _ m: Mutation) throws -> Int64 {
        try CustomerRecords.ensure(for: lead, c, action: "convert", m)
    }

    private static func addContact(_ contact: LeadConversion.Contact, customerID: Int64, lead: Lead, _ m: Mutation) throws {
        let known = try Bool.fetchOne(
            m.db, sql: "SELECT EXISTS (SELECT 1 FROM contact WHERE customer_id = ? AND name = ? AND (phone_key IS ? OR phone_key IS NULL))",
            arguments: [customerID, contact.name, contact.phoneKey]) ?? false
        guard !known else { return }
        try m.db.execute(
            sql: "INSERT INTO contact (customer_id, name, title, phone, phone_key, email, created_at, source_lead_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            arguments: [customerID, contact.name, contact.title, contact.phone, contact.phoneKey, contact.email, m.now.storage, lead.id])
        try m.audit("convert", entity: "contact", id: m.db.lastInsertedRowID, field: "name", new: contact.name)
    }
}
