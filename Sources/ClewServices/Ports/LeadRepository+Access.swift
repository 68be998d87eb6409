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
