import ClewDomain
import ClewServices
import Foundation
import TOMLKit
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A team install's configuration, `clew.toml`, written by `clew install --shared` and owned by
/// root: the team database, the private group, the mail and SMS commands and the time zone.
///
/// Found beside the binary (`PREFIX/etc/clew/clew.toml` for `PREFIX/bin/clew`), else at
/// `/etc/clew/clew.toml`. A file that root does not own, or that others can write, is refused:
/// a privileged Clew takes its database path and delivery commands from it alone.
///
/// ```toml
/// database = "/var/lib/clew/clew.db"
/// group = "clew"
/// mail_command = "/usr/sbin/sendmail -t -i"
/// sms_command = ""
/// time_zone = "Asia/Shanghai"
/// ```
public struct TeamInstall: Sendable, Hashable {
    /// Where this configuration was read from.
    public var configPath: String
    /// The team database.
    public var databasePath: String
    /// The private group's name and id.
    public var groupName: String
    public var group: gid_t
    /// The sendmail-compatible command, split on whitespace (nil: email not configured).
    public var mailCommand: String?
    /// The SMS command (nil: SMS not configured).
    public var smsCommand: String?
    /// The team's time zone identifier, if set.
    public var timeZone: String?

    /// The configuration of the install this binary belongs to, if any (read once).
    public static let current: TeamInstall? = {
        for path in configCandidates(executable: executablePath()) {
            if let install = try? load(path) { return install }
        }
        return nil
    }()

    /// Why the configuration next to this binary could not be used (nil when there is none or it is fine).
    public static var currentProblem: String? {
        for path in configCandidates(executable: executablePath()) where FileManager.default.fileExists(atPath: path) {
            do { _ = try load(path) } catch { return "\(error)" }
            return nil
        }
        return nil
    }

    /// The layout `clew doctor` expects for `path`: the team's when it is the team database.
    public func layout(for path: String) -> DatabaseFiles.Layout {
        Self.sameFile(path, databasePath) ? .team(group: group) : .personal
    }

    /// Whether two paths name the same file (or the same path, when neither exists).
    public static func sameFile(_ a: String, _ b: String) -> Bool {
        let standardA = (a as NSString).standardizingPath, standardB = (b as NSString).standardizingPath
        if standardA == standardB { return true }
        var sa = stat(), sb = stat()
        guard stat(a, &sa) == 0, stat(b, &sb) == 0 else { return false }
        return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino
    }

    /// This process's executable (`/proc/self/exe`, resolved).
    public static func executablePath() -> String {
        if let resolved = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return resolved }
        return CommandLine.arguments.first ?? "clew"
    }

    /// `PREFIX/etc/clew/clew.toml` for `PREFIX/bin/clew`, then `/etc/clew/clew.toml`.
    public static func configCandidates(executable: String) -> [String] {
        let prefix = ((executable as NSString).deletingLastPathComponent as NSString).deletingLastPathComponent
        let beside = prefix + "/etc/clew/clew.toml"
        return beside == "/etc/clew/clew.toml" ? [beside] : [beside, "/etc/clew/clew.toml"]
    }

    /// Where `clew install --shared --prefix PREFIX` writes the configuration: `/etc/clew` for
    /// the system prefixes, else under the prefix (found from the binary's location).
    public static func configPath(prefix: String) -> String {
        ["/usr", "/usr/local", "/"].contains(prefix) ? "/etc/clew/clew.toml" : prefix + "/etc/clew/clew.toml"
    }

    /// Reads and checks the configuration at `path`.
    public static func load(_ path: String) throws -> TeamInstall {
        guard let status = DatabaseFiles.Status.of(path) else { throw InstallError.config(path, "does not exist") }
        guard status.isRegularFile, status.owner == 0, status.mode & 0o022 == 0 else {
            throw InstallError.config(path, "must be a regular file owned by root and writable by root only")
        }
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let table: TOMLTable
        do { table = try TOMLTable(string: text) } catch { throw InstallError.config(path, "is not valid TOML: \(error)") }
        guard let database = table["database"]?.string, database.hasPrefix("/") else {
            throw InstallError.config(path, "needs database = \"/absolute/path/clew.db\"")
        }
        let groupName = table["group"]?.string ?? "clew"
        guard let entry = getgrnam(groupName) else { throw InstallError.config(path, "names the group '\(groupName)', which does not exist") }
        func setting(_ key: String) -> String? { table[key]?.string.flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 } }
        return TeamInstall(configPath: path, databasePath: database, groupName: groupName, group: entry.pointee.gr_gid,
                           mailCommand: setting("mail_command"), smsCommand: setting("sms_command"), timeZone: setting("time_zone"))
    }

    /// The configuration as TOML.
    public var toml: String {
        func quoted(_ value: String?) -> String {
            "\"" + (value ?? "").replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        }
        return """
            # Clew team install, written by 'clew install --shared'. Owned by root; a privileged clew
            # reads its database and delivery commands from this file only.
            database = \(quoted(databasePath))
            group = \(quoted(groupName))
            mail_command = \(quoted(mailCommand))
            sms_command = \(quoted(smsCommand))
            time_zone = \(quoted(timeZone))

            """
    }
}

/// Why a team install could not be set up or used.
public enum InstallError: UserFacingError, Equatable {
    case config(String, String)
    case notRoot
    case failed(String)

    public var description: String {
        switch self {
        case let .config(path, problem): "the team configuration \(path) \(problem)"
        case .notRoot: "clew install --shared must run as root (it creates a group and a setgid binary)"
        case let .failed(what): what
        }
    }
}
