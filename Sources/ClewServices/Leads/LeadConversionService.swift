import ClewDomain
import Foundation

/// Converting a lead once the rep has confirmed intent (转换线索, seed 003), over the ports
/// (issue 9): the customer always, the contact and an open opportunity when asked for; the win
/// then closes that opportunity, a loss closes it as lost.
///
/// ```swift
/// let conversion = try LeadConversionService(store: store, actor: rep).convert("XL-20261203-001", contact: true, opportunity: true)
/// ```
public struct LeadConversionService: Sendable {
    let store: any ServiceStore
    /// The user the service acts for.
    public let actor: ActingUser

    public init(store: any ServiceStore, actor: ActingUser) {
        self.store = store
        self.actor = actor
    }

    /// Converts an active lead: the customer (the lead's own, or one of the same name, else a
    /// new one), and the contact and an open opportunity when asked for. Converting again adds
    /// what was not made. The owner's supervisor is told.
    ///
    /// - Parameter expectedVersion: the version the converter saw; refused only when a field the
    ///   conversion changes was changed since.
    /// - Throws: ``ClewDomain/IntentConversionError`` (not active, no contact person, nothing
    ///   left to make); `PermissionError` unless the actor may convert the lead (its owner, their
    ///   supervisor, an admin).
    /// - Returns: what the lead became.
    @discardableResult
    public func convert(_ number: String, contact: Bool, opportunity: Bool, expectedVersion: Int? = nil) throws -> LeadConversionSummary {
        try store.write(as: actor) { tx in
            let lead = try tx.requireLead(number, for: .convert, by: actor, expectedVersion: expectedVersion)
            let before = try tx.deals.conversion(ofLead: lead.id)
            let existing = before?.existing ?? IntentConversion.Existing(customerID: lead.customerID)
            let plan = try IntentConversion.plan(lead, contact: contact, opportunity: opportunity, existing: existing)
            let made = try tx.deals.recordConversion(plan, of: lead)
            var updated = lead
            updated.customerID = made.customerID
            _ = try tx.leads.update(lead, to: updated, as: .convert, storing: [.convertedAt(before?.convertedAt ?? tx.now)])
            if let supervisor = try LeadApprovers.owningSupervisor(of: lead, users: tx.users) {
                try tx.notify(supervisor, kind: "converted", leadID: lead.id,
                              body: "\(actor.login) converted \(lead.number) into customer \(plan.customer.name)",
                              parameters: [actor.login, lead.number.description, plan.customer.name])
            }
            guard let summary = try tx.deals.conversion(ofLead: lead.id) else {
                throw StoreError.notFound("the conversion of \(lead.number) was not stored")
            }
            return summary
        }
    }
}

extension LeadConversionSummary {
    /// What exists, as ``ClewDomain/IntentConversion/plan(_:contact:opportunity:existing:)`` reads it.
    public var existing: IntentConversion.Existing {
        IntentConversion.Existing(customerID: customerID, converted: convertedAt != nil || opportunityID != nil,
                                  hasContact: !contacts.isEmpty, opportunity: opportunityStatus)
    }
}
