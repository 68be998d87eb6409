import ClewDomain
import Foundation

extension StoreTransaction {
    /// The lead `text` names, if `actor` may do `action` to it. A lead the actor may not see is
    /// reported exactly like one that does not exist; a colleague with a task on the lead may
    /// read it (``ClewDomain/AccessPolicy/allowsAsTaskAssignee(_:hasTask:)``).
    ///
    /// - Throws: ``StoreError/notFound(_:)`` for text that is not a lead number,
    ///   `PermissionError` otherwise.
    public func requireLead(_ text: String, for action: LeadAction, by actor: ActingUser) throws -> Lead {
        guard let number = LeadNumber(text) else {
            throw StoreError.notFound("'\(text)' is not a lead number (XL-YYYYMMDD-NNN)")
        }
        guard let lead = try leads.lead(number: number) else { throw PermissionError.notVisible(number.description) }
        if action == .read, !AccessPolicy.canRead(lead.accessFacts, by: actor),
           AccessPolicy.allowsAsTaskAssignee(action, hasTask: try tasks.hasTask(onLead: lead.id, for: actor.login)) {
            return lead
        }
        try AccessPolicy.check(action, on: lead.accessFacts, number: number.description, by: actor)
        return lead
    }
}

extension StoreTransaction {
    /// ``requireLead(_:for:by:)`` for an edit that started from `expectedVersion` (nil: the
    /// current one): the lead's next update then conflicts only with changes made after it to
    /// the fields it changes (``LeadRepository/update(_:to:as:storing:)``).
    ///
    /// - Throws: as ``requireLead(_:for:by:)``, and ``StoreError/staleVersion(entity:changedBy:at:)``
    ///   for a version the lead never had.
    public func requireLead(_ text: String, for action: LeadAction, by actor: ActingUser, expectedVersion: Int?) throws -> Lead {
        let lead = try requireLead(text, for: action, by: actor)
        if let expectedVersion {
            guard expectedVersion <= lead.version, expectedVersion > 0 else {
                throw StoreError.staleVersion(entity: lead.number.description, changedBy: lead.updatedBy, at: lead.updatedAt)
            }
            try leads.beginEdit(ofLead: lead.id, fromVersion: expectedVersion)
        }
        return lead
    }
}
