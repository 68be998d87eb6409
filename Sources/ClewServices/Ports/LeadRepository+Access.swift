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
        try Self.requireLead(text, for: action, by: actor, leads: leads, tasks: tasks)
    }

    /// ``requireLead(_:for:by:)`` over `leads` and `tasks` alone: what a store's code outside the
    /// ports (still on its own transaction) looks a typed number up with, so the rule is one.
    public static func requireLead(_ text: String, for action: LeadAction, by actor: ActingUser, leads: any LeadRepository,
                                   tasks: any TaskRepository) throws -> Lead {
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
        try Self.beginEdit(of: lead, fromVersion: expectedVersion, in: leads)
        return lead
    }

    /// Notes in `leads` that an edit of `lead` started from `expectedVersion` (nil: the current one).
    ///
    /// - Throws: ``StoreError/staleVersion(entity:changedBy:at:)`` for a version the lead never had.
    public static func beginEdit(of lead: Lead, fromVersion expectedVersion: Int?, in leads: any LeadRepository) throws {
        guard let expectedVersion else { return }
        guard expectedVersion <= lead.version, expectedVersion > 0 else {
            throw StoreError.staleVersion(entity: lead.number.description, changedBy: lead.updatedBy, at: lead.updatedAt)
        }
        try leads.beginEdit(ofLead: lead.id, fromVersion: expectedVersion)
    }
}
