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

    public init(profile: UserProfile, team: Set<String> = [], impersonator: String? = nil) {
        self.profile = profile
        self.team = team
        self.impersonator = impersonator
    }

    public var login: String { profile.login }
    public var role: Role { profile.role }
}
