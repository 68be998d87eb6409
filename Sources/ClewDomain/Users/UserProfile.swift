import Foundation

/// A Clew user: an OS login with a role and the territory they cover.
public struct UserProfile: Hashable, Codable, Sendable {
    /// The OS account name (`getpwuid`), which is also the user's key.
    public var login: String
    /// The display name ("Alice Wang", "王伟").
    public var name: String
    public var role: Role
    /// The login of the user's supervisor, if any.
    public var supervisor: String?
    /// Regions covered (华东, 华南, …); used for pools and assignment suggestions.
    public var regions: [String]
    /// Industries covered; used for pools and assignment suggestions.
    public var industries: [String]
    /// How many open leads (assigned or active) the user can carry.
    public var capacity: Int
    /// False once the user is deactivated; their history stays.
    public var isActive: Bool
    /// Marked away (leave, travel) until this instant: never assigned or suggested before it.
    public var awayUntil: Date?

    public init(
        login: String, name: String, role: Role, supervisor: String? = nil, regions: [String] = [],
        industries: [String] = [], capacity: Int = 50, isActive: Bool = true, awayUntil: Date? = nil
    ) {
        self.login = login
        self.name = name
        self.role = role
        self.supervisor = supervisor
        self.regions = regions
        self.industries = industries
        self.capacity = capacity
        self.isActive = isActive
        self.awayUntil = awayUntil
    }

    /// The pools the user belongs to: one per region and one per industry they cover.
    public var pools: Set<String> { Set(regions).union(industries) }

    /// Whether a login is well formed: what `useradd` accepts (letters, digits, `.`, `_`, `-`,
    /// not starting with `-`, at most 32 characters).
    public static func isValidLogin(_ login: String) -> Bool {
        guard let first = login.first, first != "-", (1...32).contains(login.count) else { return false }
        return login.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) }
    }
}
