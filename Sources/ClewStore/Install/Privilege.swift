import ClewServices
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The private group of a team install (the mlocate/crontab model): `clew` is installed setgid
/// to a group no person is in, so only a running Clew can open the team database.
///
/// While privileged (the effective group differs from the real one), Clew holds that group only
/// for the database: every path a user names is opened with the real group (``asUser(_:)``), and
/// the group is dropped for good (``dropForGood()``) before any other program runs or when the
/// user picks a personal database.
public enum Privilege {
    /// The group the process started with as its effective group (the install's group when setgid).
    public static let startingEffectiveGroup: gid_t = getegid()
    /// The invoking user's own group.
    public static let realGroup: gid_t = getgid()

    /// Whether Clew started setgid to a group the user does not have as their real group.
    public static var startedPrivileged: Bool { startingEffectiveGroup != realGroup }

    /// Whether the private group is still held.
    public static var isPrivileged: Bool { getegid() != getgid() }

    private static let lock = NSLock()
    private static let saved = SavedUmask()

    /// Sets the process umask to `mask` for the team database's files (``umask 007``: a sidecar
    /// is never created unreadable by the group) and remembers the user's own for their files.
    public static func useTeamUmask(_ mask: mode_t = 0o007) {
        let previous = umask(mask)
        saved.set(previous)
    }

    /// Runs `body` with the effective group set to the real group, so files it opens or creates
    /// are checked against — and owned by — the user's own group, never the install's; then
    /// takes the install's group back. A no-op when not privileged.
    public static func asUser<T>(_ body: () throws -> T) rethrows -> T {
        guard isPrivileged else { return try body() }
        lock.lock()
        defer { lock.unlock() }
        _ = setegid(realGroup)
        // The user's files get the user's own umask, not the team's group-friendly one.
        let teamMask = saved.value.map { umask($0) }
        defer {
            if let teamMask { umask(teamMask) }
            _ = setegid(startingEffectiveGroup)
        }
        return try body()
    }

    /// Drops the install's group irrevocably: real, effective and saved group all become the
    /// real group, so neither this process nor a program it runs can take it back.
    public static func dropForGood() {
        guard isPrivileged || getegid() != realGroup else { return }
        lock.lock()
        defer { lock.unlock() }
        // Setting the real group makes the saved group the new effective one: all three equal.
        guard setregid(realGroup, realGroup) == 0, getegid() == realGroup else {
            FileHandle.standardError.write(Data("clew: cannot drop the team group; stopping\n".utf8))
            exit(1)
        }
        if let mask = saved.value { umask(mask) }
    }
}

/// The user's umask from before ``Privilege/useTeamUmask(_:)``.
private final class SavedUmask: @unchecked Sendable {
    private let lock = NSLock()
    private var mask: mode_t?
    var value: mode_t? { lock.withLock { mask } }
    func set(_ value: mode_t) { lock.withLock { mask = value } }
}
