import ClewDomain
import Foundation

/// What ``ClewDomain/DuplicatePolicy``'s decisions write: the notice to the supervisor of a lead
/// a registrant may not see, and the link from a new lead to the won or lost lead it follows.
public enum DuplicateNotice {
    /// Tells the supervisor answering for `lead` that the actor registered its phone or email
    /// (`field`) again, and records the refusal on the lead.
    public static func tellSupervisor(of lead: Lead, field: String, _ tx: any StoreTransaction) throws {
        guard let actor = tx.actor else { preconditionFailure("a duplicate notice in a read transaction") }
        guard let supervisor = try tx.users.supervisor(answeringFor: lead) else { return }
        let label = "\(lead.number) \(lead.details.customer ?? "")"
        try tx.notify(supervisor, kind: "duplicate", leadID: lead.id,
                      body: "\(actor.login) tried to register a lead with the same \(field) as \(label) (\(lead.owner ?? "unassigned")); it was refused",
                      parameters: [actor.login, field, label, lead.owner ?? ""])
        try tx.leads.record(.duplicateRefused, field: field, value: actor.login, onLead: lead.id)
    }

    /// Links the just-registered `lead` to `previous` (won: a repeat purchase of its customer;
    /// lost: the lead coming back) and tells the previous owner.
    ///
    /// - Returns: the lead as stored.
    public static func link(_ lead: Lead, to previous: Lead, _ tx: any StoreTransaction) throws -> Lead {
        let change: LeadChange = previous.status == .won ? .repeatPurchase : .returningLead
        var linked = lead
        linked.previousLead = previous.number
        linked.customerID = previous.status == .won ? try tx.leads.customerOfLatestOpportunity(ofLead: previous.id) : nil
        linked = try tx.leads.update(lead, to: linked, as: change, storing: [.previousLead(previous.id)])
        try tx.leads.record(change, field: "previous_lead", value: previous.number.description, onLead: lead.id, atVersion: linked.version)
        let what = previous.status == .won ? "a repeat purchase of your won customer" : "back: it follows your lost lead"
        let label = "\(lead.number) \(lead.details.customer ?? "")"
        if let owner = previous.owner {
            try tx.notify(owner, kind: change.rawValue, leadID: lead.id, body: "\(label) is \(what) \(previous.number)",
                          parameters: [label, previous.number.description])
        }
        return linked
    }
}
