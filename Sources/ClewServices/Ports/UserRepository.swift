import ClewDomain
import Foundation

/// The users of a transaction.
public protocol UserRepository {
    /// The user `login`, active or not.
    func profile(login: String) throws -> UserProfile?
    /// Every login (a handful to a few hundred), for "did you mean" suggestions.
    func logins() throws -> [String]
    /// Every active rep with their open workload (assigned and active leads they own), in no
    /// particular order: who may be given a lead, and how busy they are.
    func workloads() throws -> [AssignmentSuggestion.Candidate]
    /// How many open leads (assigned or active) `login` owns: what their capacity is held to.
    func workload(of login: String) throws -> Int
    /// The active users holding one of `roles`, by login: who may be told when no owner's
    /// supervisor answers for a lead.
    func active(in roles: Set<Role>) throws -> [UserProfile]
}

extension UserRepository {
    /// The supervisor who answers for `lead`: the owner's, when active; for an unowned lead
    /// (which every supervisor may read) the first active supervisor by login; otherwise the
    /// first active admin (another team's supervisor could not even read an owned lead).
    public func supervisor(answeringFor lead: Lead) throws -> String? {
        if let owner = lead.owner, let supervisor = try profile(login: owner)?.supervisor,
           try profile(login: supervisor)?.isActive == true {
            return supervisor
        }
        let candidates = try active(in: lead.owner == nil ? [.supervisor, .admin] : [.admin])
        return candidates.min { ($0.role == .admin ? 1 : 0, $0.login) < ($1.role == .admin ? 1 : 0, $1.login) }?.login
    }

    /// The first active admin by login: who answers when no supervisor does.
    ///
    /// - Throws: ``StoreError/notInitialized`` when there is none.
    public func firstActiveAdmin() throws -> String {
        guard let admin = try active(in: [.admin]).first?.login else { throw StoreError.notInitialized }
        return admin
    }

    /// The active user `login`.
    ///
    /// - Throws: ``IdentityError/unknownUser(_:suggestion:)`` (with the closest login) or
    ///   `UserDirectoryError.deactivated`.
    public func requireActive(_ login: String) throws -> UserProfile {
        guard let user = try profile(login: login) else {
            throw IdentityError.unknownUser(login, suggestion: Suggestion.closest(to: login, in: try logins()))
        }
        guard user.isActive else { throw UserDirectoryError.deactivated(login: login) }
        return user
    }
}
