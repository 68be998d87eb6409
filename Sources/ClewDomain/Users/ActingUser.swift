/// The user a command runs as, with what the permission rules need to know about them.
///
/// Normally the OS user; when an admin runs `--as LOGIN`, ``profile`` is that user and
/// ``impersonator`` is the admin, so audit rows record both.
public struct ActingUser: Hashable, Sendable {
    /// The user whose permissions apply.
    public var profile: UserProfile
    /// Everyone who reports to this user, directly or not (their team).
    public var team: Set<String>
    /// The admin acting as ``profile``, if any.
    public var impersonator: String?
    /// The named pools of the process definition the user belongs to (as a member, or by a
    /// region or industry they cover), beside ``UserProfile/pools``.
    public var poolMemberships: Set<String>

    public init(profile: UserProfile, team: Set<String> = [], impersonator: String? = nil, poolMemberships: Set<String> = []) {
        self.profile = profile
        self.team = team
        self.impersonator = impersonator
        self.poolMemberships = poolMemberships
    }

    /// Every pool whose leads the user may see and claim.
    public var pools: Set<String> { profile.pools.union(poolMemberships) }

    /// The login the automation layer acts under; it cannot be a real login (`useradd` refuses
    /// parentheses), so audit rows and "changed by" messages can never be mistaken for a user's.
    public static let automationLogin = "(auto)"

    /// The automation layer (scoring, routing, cadences, the tick), acting because of `trigger`,
    /// who is recorded as ``impersonator`` (`via`) in the audit trail.
    public static func automation(via trigger: String?) -> ActingUser {
        ActingUser(profile: UserProfile(login: automationLogin, name: "Clew automation", role: .admin, capacity: 0),
                   impersonator: trigger)
    }

    /// Whether this is the automation layer.
    public var isAutomation: Bool { login == Self.automationLogin }

    public var login: String { profile.login }
    public var role: Role { profile.role }
}
