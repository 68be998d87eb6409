import ClewDomain
import ClewServices
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The work of `clew install --shared` (root only): the private group, the setgid binary, the
/// database directory and files, and the root-owned configuration. Running it again repairs
/// modes and owners and keeps the database.
public struct TeamInstaller: Sendable {
    public var group: String
    public var database: String
    public var prefix: String
    public var admin: String
    public var mailCommand: String?
    public var smsCommand: String?
    public var timeZone: String?

    public init(group: String, database: String, prefix: String, admin: String,
                mailCommand: String? = nil, smsCommand: String? = nil, timeZone: String? = nil) {
        self.group = group
        self.database = database
        self.prefix = prefix
        self.admin = admin
        self.mailCommand = mailCommand
        self.smsCommand = smsCommand
        self.timeZone = timeZone
    }

    /// What was installed where, and what the administrator should know.
    public struct Result: Sendable {
        public var binary: String
        public var config: String
        public var notes: [String]
    }

    /// Installs `binary` (normally this running executable).
    public func install(binary source: String) throws -> Result {
        guard getuid() == 0 else { throw InstallError.notRoot }
        var notes: [String] = []
        let gid = try privateGroup()

        // The binary: copied, root:GROUP, 2755, moved into place atomically.
        let bin = prefix + "/bin"
        try makeDirectory(bin, owner: 0, group: 0, mode: 0o755, onlyIfMissing: true)
        let target = bin + "/clew"
        let staging = bin + "/.clew.install-\(getpid())"
        try? FileManager.default.removeItem(atPath: staging)
        try FileManager.default.copyItem(atPath: source, toPath: staging)
        try check(chown(staging, 0, gid), "chown \(staging)")
        try check(chmod(staging, 0o2755), "chmod \(staging)")
        try check(rename(staging, target), "install \(target)")
        if let data = FileManager.default.contents(atPath: target), data.range(of: Data("libswiftCore.so".utf8)) != nil {
            notes.append("this clew loads the Swift runtime dynamically; a setgid program ignores $ORIGIN and LD_LIBRARY_PATH, "
                + "so it runs only where its RUNPATH's absolute toolchain directory exists (readelf -d \(target)); "
                + "for a server without the toolchain install a 'swift build -c release --static-swift-stdlib' binary")
        }

        // The database directory and files.
        let directory = (database as NSString).deletingLastPathComponent
        try makeDirectory((directory as NSString).deletingLastPathComponent, owner: 0, group: 0, mode: 0o755, onlyIfMissing: true)
        try makeDirectory(directory, owner: 0, group: gid, mode: 0o2770, onlyIfMissing: false)
        if !FileManager.default.fileExists(atPath: database) {
            let created = try Maintenance.initialize(path: database, admin: admin, name: admin, fileMode: ClewDatabase.sharedFileMode)
            try created.close()
        } else {
            try ClewDatabase(path: database).close()  // migrates; refuses a file that is not Clew's
        }
        // The database and both sidecars exist, root:GROUP 0660; the team database keeps its
        // sidecars (persistent WAL), so no user's process ever creates one.
        for suffix in [""] + DatabaseFiles.sidecars {
            let path = database + suffix
            if !FileManager.default.fileExists(atPath: path) { try ClewDatabase.createEmptyFile(path, mode: ClewDatabase.sharedFileMode) }
            try check(chown(path, 0, gid), "chown \(path)")
            try check(chmod(path, ClewDatabase.sharedFileMode), "chmod \(path)")
        }

        // The configuration, root:root 0644.
        let config = TeamInstall.configPath(prefix: prefix)
        let configDirectory = (config as NSString).deletingLastPathComponent
        try makeDirectory((configDirectory as NSString).deletingLastPathComponent, owner: 0, group: 0, mode: 0o755, onlyIfMissing: true)
        try makeDirectory(configDirectory, owner: 0, group: 0, mode: 0o755, onlyIfMissing: false)
        let install = TeamInstall(configPath: config, databasePath: database, groupName: group, group: gid,
                                  mailCommand: mailCommand, smsCommand: smsCommand, timeZone: timeZone)
        let staged = config + ".new"
        try? FileManager.default.removeItem(atPath: staged)
        try ClewDatabase.createEmptyFile(staged, mode: 0o644)
        try Data(install.toml.utf8).write(to: URL(fileURLWithPath: staged))
        try check(chown(staged, 0, 0), "chown \(staged)")
        try check(rename(staged, config), "install \(config)")
        return Result(binary: target, config: config, notes: notes)
    }

    /// The private group: created as a system group when missing; an existing one must have no
    /// members (nobody may open the files outside Clew).
    func privateGroup() throws -> gid_t {
        if getgrnam(group) == nil {
            try runTool("/usr/sbin/groupadd", ["--system", group])
        }
        guard let entry = getgrnam(group) else { throw InstallError.failed("could not create the group \(group)") }
        let gid = entry.pointee.gr_gid
        var members: [String] = []
        if var member = entry.pointee.gr_mem {
            while let name = member.pointee {
                members.append(String(cString: name))
                member += 1
            }
        }
        setpwent()
        while let user = getpwent() {
            if user.pointee.pw_gid == gid, let name = user.pointee.pw_name { members.append(String(cString: name)) }
        }
        endpwent()
        guard members.isEmpty else {
            throw InstallError.failed("the group \(group) has members (\(members.joined(separator: ", "))); a private group must have none")
        }
        return gid
    }

    private func makeDirectory(_ path: String, owner: uid_t, group: gid_t, mode: mode_t, onlyIfMissing: Bool) throws {
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
        if exists && !isDirectory.boolValue { throw InstallError.failed("\(path) exists and is not a directory") }
        if exists && onlyIfMissing { return }
        if !exists { try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) }
        try check(chown(path, owner, group), "chown \(path)")
        try check(chmod(path, mode), "chmod \(path)")
    }

    private func check(_ result: Int32, _ what: String) throws {
        guard result == 0 else { throw InstallError.failed("\(what): \(String(cString: strerror(errno)))") }
    }

    /// Runs a system tool (root, fixed arguments, no shell).
    private func runTool(_ path: String, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        do { try process.run() } catch { throw InstallError.failed("\(path): \(error.localizedDescription)") }
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw InstallError.failed("\(path) \(arguments.joined(separator: " ")) exited with status \(process.terminationStatus)")
        }
    }
}
