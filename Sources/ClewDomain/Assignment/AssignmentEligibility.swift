import Foundation

/// Whether a user can be given another lead now (assigned, routed or claimed): the decision
/// ``LeadError/cannotOwnLeads(login:role:)``, ``LeadError/away(rep:until:)`` and
/// ``LeadError/atCapacity(rep:load:capacity:)`` come from. Whether the user exists and is
/// active is the user directory's to say first.
public enum AssignmentEligibility {
    /// Why `user`, owning `openLeads` open leads, cannot take one more at `now`; nil when they can.
    /// Only reps and supervisors own leads; someone away until after `now` takes none; nobody
    /// takes more than their capacity.
    public static func refusal(for user: UserProfile, openLeads: Int, at now: Date) -> LeadError? {
        guard user.role == .rep || user.role == .supervisor else { return .cannotOwnLeads(login: user.login, role: user.role) }
        if let away = user.awayUntil, away > now { return .away(rep: user.login, until: away) }
        guard openLeads < user.capacity else { return .atCapacity(rep: user.login, load: openLeads, capacity: user.capacity) }
        return nil
    }
}
