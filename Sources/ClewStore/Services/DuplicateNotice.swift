import ClewDomain
import ClewServices
import Foundation
import GRDB

/// What ``ClewDomain/DuplicatePolicy``'s decisions write: the notice to the supervisor of a lead
/// a registrant may not see, and the link from a new lead to the won or lost lead it follows.
enum DuplicateNotice {
    /// Tells the supervisor answering for `lead` that someone registered its phone or email again.
    static func tellSupervisor(of lead: Lead, field: String, _ m: Mutation) throws {
        guard let supervisor = try Recipients.supervisor(of: lead, m.db) else { return }
        try m.notify(supervisor, kind: "duplicate", leadID: lead.id,
                     body: "\(m.actor.login) tried to register a lead with the same \(field) as \(lead.number) \(lead.details.customer ?? "") (\(lead.owner ?? "unassigned")); it was refused",
                     parameters: [m.actor.login, field, "\(lead.number) \(lead.details.customer ?? "")", lead.owner ?? ""])
        try m.audit("duplicate-refused", entity: "lead", id: lead.id, field: field, new: m.actor.login)
    }

    /// Links the just-registered `lead` to `previous` (won: a repeat purchase of its customer;
    /// lost: the lead coming back) and tells the previous owner.
    static func link(_ lead: Lead, to previous: Lead, _ m: Mutation) throws -> Lead {
        var customerID: Int64?
        if previous.status == .won {
            customerID = try Int64.fetchOne(m.db, sql: "SELECT customer_id FROM opportunity WHERE lead_id = ? ORDER BY id DESC LIMIT 1",
                                            arguments: [previous.id])
        }
        let kind: LeadChange = previous.status == .won ? .repeatPurchase : .returningLead
        var linked = lead
        linked.previousLead = previous.number
        linked.customerID = customerID
        linked = try m.update(lead, to: linked, action: kind, also: ["previous_lead_id": previous.id])
        try m.audit(kind.rawValue, entity: "lead", id: lead.id, field: "previous_lead", new: previous.number.description, version: linked.version)
        let what = previous.status == .won ? "a repeat purchase of your won customer" : "back: it follows your lost lead"
        try m.notify(previous.owner, kind: kind.rawValue, leadID: lead.id,
                     body: "\(lead.number) \(lead.details.customer ?? "") is \(what) \(previous.number)",
                     parameters: ["\(lead.number) \(lead.details.customer ?? "")", previous.number.description])
        return linked
    }
}
