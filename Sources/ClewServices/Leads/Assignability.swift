import ClewDomain
import Foundation

/// Who can take on a lead right now, read for ``ClewDomain/AssignmentEligibility`` to decide: what
/// assigning, claiming and routing share.
public enum Assignability {
    /// The user `login`, if they can be given another lead now: active, not away, a rep or a
    /// supervisor, and under their capacity of open leads.
    ///
    /// - Throws: ``IdentityError/unknownUser(_:suggestion:)``, `UserDirectoryError.deactivated`,
    ///   ``ClewDomain/LeadError/cannotOwnLeads(login:role:)``, ``ClewDomain/LeadError/away(rep:until:)``,
    ///   ``ClewDomain/LeadError/atCapacity(rep:load:capacity:)``.
    public static func check(_ login: String, in tx: any StoreTransaction) throws -> UserProfile {
        let user = try tx.users.requireActive(login)
        if let refusal = AssignmentEligibility.refusal(for: user, openLeads: try tx.users.workload(of: login), at: tx.now) { throw refusal }
        return user
    }
}
