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
}

extension UserRepository {
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
