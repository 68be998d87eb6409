import ClewDomain
import Foundation

/// Why the acting user could not be established.
public enum IdentityError: UserFacingError, Equatable {
    case notAUser(String)
    case unknownUser(String, suggestion: String?)
    case invalidLogin(String)
    case noOSUser

    public var description: String {
        switch self {
        case let .notAUser(login): "you are not a Clew user; ask an admin (clew user add \(login))"
        case let .unknownUser(login, suggestion):
            "no user '\(login)'" + (suggestion.map { "; did you mean '\($0)'?" } ?? "")
        case let .invalidLogin(login):
            "'\(login)' is not a valid login (letters, digits, '.', '_', '-'; at most 32 characters)"
        case .noOSUser: "cannot tell which OS user is running clew"
        }
    }
}
