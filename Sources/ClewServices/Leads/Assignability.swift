import ClewDomain
import Foundation

/// Who can take on a lead right now: the rule assigning, claiming and routing share.
public enum Assignability {
    /// The user `login`, if they can be given another lead now: active, not away, a rep or a
    /// supervisor, and under their capacity of open leads.
    ///
    /// - Throws: ``IdentityError/unknownUser(_:suggestion:)``, `UserDirectoryError.deactivated`,
    ///   ``ClewDomain/LeadError/cannotOwnLeads(login:role:)``, ``ClewDomain/LeadError/away(rep:until:)``,
    ///   ``ClewDomain/LeadError/atCapacity(rep:load:capacity:)``.
    public static func check(_ login: String, in tx: any StoreTransaction) throws -> UserProfile {
        let user = try tx.users.requireActive(login)
        guard user.role == .rep || user.role == .supervisor else {
            throw LeadError.cannotOwnLeads(login: login, role: user.role)
        }
        if let away = user.awayUntil, away > tx.now {
            throw LeadError.away(rep: login, until: away)
        }
        let load = try tx.users.workload(of: login)
        guard load < user.capacity else {
            throw LeadError.atCapacity(rep: login, load: load, capacity: user.capacity)
        }
        return user
    }
}
