import ClewServices
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The files of a database on disk — the database, its `-wal` and `-shm` sidecars and their
/// directory — checked for the modes and owners that keep other accounts out (`clew doctor`).
///
/// A personal database: the file 0600 (no group or other bits), the sidecars owned by the same
/// user with the same mode. A team database (``Layout/team(group:)``, made by `clew install
/// --shared`): the directory `root:GROUP` 2770, the file and both sidecars `root:GROUP` 0660 —
/// a sidecar owned by a user could be rewritten by that user outside Clew, and one with another
/// mode locks others out.
public enum DatabaseFiles {
    /// What the files should look like.
    public enum Layout: Sendable, Hashable {
        case personal
        case team(group: gid_t)
    }

    /// The sidecar suffixes SQLite uses in WAL mode.
    public static let sidecars = ["-wal", "-shm"]

    /// One file's type, owner, group and permission bits (`lstat`: a symlink is reported as one).
    public struct Status: Sendable, Hashable {
        public var isRegularFile: Bool
        public var isDirectory: Bool
        public var isSymlink: Bool
        public var owner: uid_t
        public var group: gid_t
        /// The permission bits, with setgid/setuid/sticky (`st_mode & 0o7777`).
        public var mode: mode_t

        public static func of(_ path: String) -> Status? {
            var info = stat()
            guard lstat(path, &info) == 0 else { return nil }
            let type = info.st_mode & S_IFMT
            return Status(isRegularFile: type == S_IFREG, isDirectory: type == S_IFDIR, isSymlink: type == S_IFLNK,
                          owner: info.st_uid, group: info.st_gid, mode: info.st_mode & 0o7777)
        }
    }

    /// The findings for the database at `path` laid out as `layout`; each problem says what to run.
    public static func findings(path: String, layout: Layout) -> [Maintenance.Finding] {
        var findings: [Maintenance.Finding] = []
        func add(_ level: String, _ check: String, _ detail: String) { findings.append(.init(level: level, check: check, detail: detail)) }
        let octal = { (mode: mode_t) in String(mode, radix: 8) }
        guard let file = Status.of(path) else {
            add("error", "database file", "\(path) does not exist")
            return findings
        }
        guard file.isRegularFile else {
            add("error", "database file", "\(path) is \(file.isSymlink ? "a symlink" : "not a regular file"); point Clew at the real file")
            return findings
        }
        switch layout {
        case .personal:
            file.mode & 0o077 == 0
                ? add("ok", "database file", "mode \(octal(file.mode)), owner only")
                : add("warning", "database file", "mode \(octal(file.mode)) lets other accounts read it; fix: chmod 600 \(path)")
        case let .team(group):
            let directory = (path as NSString).deletingLastPathComponent
            if let dir = Status.of(directory), dir.isDirectory, dir.owner == 0, dir.group == group, dir.mode == 0o2770 {
                add("ok", "database directory", "root:\(groupName(group)) 2770")
            } else {
                add("error", "database directory", "\(directory) must be root:\(groupName(group)) 2770; fix: chown root:\(groupName(group)) \(directory) && chmod 2770 \(directory)")
            }
            file.owner == 0 && file.group == group && file.mode == 0o660
                ? add("ok", "database file", "root:\(groupName(group)) 660")
                : add("error", "database file", "\(path) is \(userName(file.owner)):\(groupName(file.group)) \(octal(file.mode)); fix: chown root:\(groupName(group)) \(path) && chmod 660 \(path)")
        }
        for suffix in sidecars {
            let sidecar = path + suffix
            guard let side = Status.of(sidecar) else {
                if case .team = layout {
                    add("error", "sidecar \(suffix)", "\(sidecar) is missing; a team database keeps both sidecars (run 'clew install --shared' again as root)")
                } else {
                    add("ok", "sidecar \(suffix)", "none (created when needed)")
                }
                continue
            }
            if side.isRegularFile && side.owner == file.owner && side.group == file.group && side.mode == file.mode {
                add("ok", "sidecar \(suffix)", "same owner and mode as the database")
            } else {
                add("error", "sidecar \(suffix)", "\(sidecar) is \(side.isSymlink ? "a symlink, " : "")\(userName(side.owner)):\(groupName(side.group)) \(octal(side.mode)), "
                    + "the database \(userName(file.owner)):\(groupName(file.group)) \(octal(file.mode)); fix (with every clew stopped): "
                    + "chown \(userName(file.owner)):\(groupName(file.group)) \(sidecar) && chmod \(octal(file.mode)) \(sidecar)")
            }
        }
        return findings
    }

    /// The login of `uid`, or the number.
    public static func userName(_ uid: uid_t) -> String {
        guard let entry = getpwuid(uid), let name = entry.pointee.pw_name else { return String(uid) }
        return String(cString: name)
    }

    /// The name of `gid`, or the number.
    public static func groupName(_ gid: gid_t) -> String {
        guard let entry = getgrgid(gid), let name = entry.pointee.gr_name else { return String(gid) }
        return String(cString: name)
    }
}
