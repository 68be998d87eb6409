import Foundation
import Testing

/// What the team-install tests need: root, and the tools that make throwaway users and groups.
enum TeamInstallRequirements {
    static let tools = ["/usr/sbin/useradd", "/usr/sbin/userdel", "/usr/sbin/groupadd", "/usr/sbin/groupdel", "/usr/bin/sqlite3"]
    static var met: Bool {
        getuid() == 0 && CLI.binaryExists && CLIIdentityTests.runuser != nil && tools.allSatisfy(FileManager.default.isExecutableFile)
    }
}

/// `clew install --shared` for real: throwaway OS users and a private group, the setgid binary in
/// a temporary root-owned prefix, and a rep who can work through Clew and nothing else.
@Suite("CLI: team install (root)", .serialized,
       .enabled(if: TeamInstallRequirements.met,
                "skipped: needs root, runuser, useradd/userdel/groupadd/groupdel (passwd) and sqlite3 — .ci/run installs them"))
struct CLITeamInstallTests {

    /// The throwaway install; `remove()` undoes everything (users, group, files).
    final class Install {
        let prefix: String
        let group: String
        let rep: String
        let outsider: String
        let work: String
        var db: String { prefix + "/var/lib/clew/clew.db" }
        var clew: String { prefix + "/bin/clew" }

        init() throws {
            let tag = String(UUID().uuidString.prefix(6)).lowercased()
            group = "clewg\(tag)"
            rep = "clewr\(tag)"
            outsider = "clewo\(tag)"
            prefix = FileManager.default.temporaryDirectory.appendingPathComponent("clew-prefix-\(tag)").path
            work = prefix + "-work"
            try FileManager.default.createDirectory(atPath: prefix, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
            try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o777])
            for user in [rep, outsider] {
                let added = try CLI.run(executable: "/usr/sbin/useradd", ["-M", "-N", "-d", "/nonexistent", "-s", "/bin/sh", user],
                                        environment: CLI.environment(home: work), in: work)
                try #require(added.status == 0, "\(added)")
            }
        }

        /// Always runs (defer): removes the users, the group and the files.
        func remove() {
            for user in [rep, outsider] {
                _ = try? CLI.run(executable: "/usr/sbin/userdel", [user], environment: CLI.environment(home: work), in: "/")
            }
            _ = try? CLI.run(executable: "/usr/sbin/groupdel", [group], environment: CLI.environment(home: work), in: "/")
            try? FileManager.default.removeItem(atPath: prefix)
            try? FileManager.default.removeItem(atPath: work)
        }

        /// Runs `executable arguments…` as `user` (runuser) in the work directory.
        func run(as user: String, _ executable: String, _ arguments: [String], environment extra: [String: String] = [:]) throws -> CLIResult {
            try CLI.run(executable: try #require(CLIIdentityTests.runuser), ["-u", user, "--", executable] + arguments,
                        environment: CLI.environment(home: work, extra: extra), in: work)
        }

        /// Runs the installed clew as root.
        func root(_ arguments: String...) throws -> CLIResult {
            try CLI.run(executable: clew, arguments, environment: CLI.environment(home: work), in: work)
        }
    }

    static func group(of path: String) throws -> Int {
        try #require(try FileManager.default.attributesOfItem(atPath: path)[.groupOwnerAccountID] as? Int)
    }

    @Test func onlyClewOpensTheTeamDatabase() throws {
        let install = try Install()
        defer { install.remove() }
        let installed = try CLI.run(executable: CLI.binary, ["install", "--shared", "--group", install.group, "--db", install.db,
                                                             "--prefix", install.prefix],
                                    environment: CLI.environment(home: install.work), in: install.work)
        try #require(installed.status == 0, "\(installed)")
        let attributes = try FileManager.default.attributesOfItem(atPath: install.clew)
        #expect(attributes[.posixPermissions] as? Int == 0o2755)
        try #require(try install.root("user", "add", install.rep, "--name", "Rep", "--role", "rep").status == 0)
        let doctor = try install.root("doctor")
        #expect(doctor.status == 0, "\(doctor)")
        #expect(doctor.stdout.contains("database directory") && doctor.stdout.contains("sidecar -shm"), "\(doctor)")

        // The rep works through Clew.
        let added = try install.run(as: install.rep, install.clew, ["lead", "add", "--customer", "恒通科技", "--phone", "13800138000", "--source", "展会"])
        #expect(added.status == 0, "\(added)")
        let number = added.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(try install.run(as: install.rep, install.clew, ["lead", "list"]).stdout.contains(number))

        // Around Clew, nothing works.
        let sqlite = try install.run(as: install.rep, "/usr/bin/sqlite3", [install.db, "UPDATE user SET role = 'admin'"])
        #expect(sqlite.status != 0, "\(sqlite)")
        let moved = try install.run(as: install.rep, "/bin/mv", [install.db, install.work + "/stolen.db"])
        #expect(moved.status != 0, "\(moved)")
        let planted = try install.run(as: install.rep, "/usr/bin/touch", [install.db + "-journal"])
        #expect(planted.status != 0, "\(planted)")
        #expect(!FileManager.default.fileExists(atPath: install.db + "-journal"))

        // CLEW_DB naming another file is a personal database, made without the team group.
        let personal = install.work + "/mine.db"
        let own = try install.run(as: install.rep, install.clew, ["init"], environment: ["CLEW_DB": personal])
        #expect(own.status == 0, "\(own)")
        #expect(try Self.group(of: personal) != Int(try #require(getgrnam(install.group)).pointee.gr_gid))
        let redirected = try install.run(as: install.rep, install.clew, ["--db", personal, "lead", "list"])
        #expect(redirected.stdout == "No leads.\n", "\(redirected)")

        // CLEW_MAIL_COMMAND is ignored, with a note.
        let mail = try install.run(as: install.rep, install.clew, ["lead", "list"], environment: ["CLEW_MAIL_COMMAND": "/bin/sh -c id"])
        #expect(mail.status == 0, "\(mail)")
        #expect(mail.stderr.contains("CLEW_MAIL_COMMAND is ignored by the team install"), "\(mail)")

        // export -o onto the database fails; a symlinked rejects file is replaced, not followed.
        let before = try Data(contentsOf: URL(fileURLWithPath: install.db))
        let export = try install.run(as: install.rep, install.clew, ["export", "leads", "-o", install.db])
        #expect(export.status == 1, "\(export)")
        let ownExport = try install.run(as: install.rep, install.clew, ["export", "leads", "-o", install.work + "/mine.csv"])
        #expect(ownExport.status == 0, "\(ownExport)")
        let teamGroup = Int(try #require(getgrnam(install.group)).pointee.gr_gid)
        #expect(try Self.group(of: install.work + "/mine.csv") != teamGroup, "the rep's file belongs to the rep's group")
        try Data("客户名称,手机\n无电话公司,\n".utf8).write(to: URL(fileURLWithPath: install.work + "/in.csv"))
        try FileManager.default.createSymbolicLink(atPath: install.work + "/link.csv", withDestinationPath: install.db)
        let imported = try install.run(as: install.rep, install.clew, ["import", "in.csv", "--rejects", "link.csv"])
        #expect(imported.status == 0, "\(imported)")
        let direct = try install.run(as: install.rep, install.clew, ["import", "in.csv", "--rejects", install.db])
        #expect(direct.status == 1, "\(direct)")
        let after = try Data(contentsOf: URL(fileURLWithPath: install.db))
        #expect(after.prefix(16) == before.prefix(16) && after.count >= before.count)
        #expect(try install.root("doctor").status == 0)
        #expect(try install.run(as: install.rep, install.clew, ["lead", "show", number]).status == 0)

        // The mail command runs without the team group (posix_spawn with RESETIDS).
        let groups = install.work + "/mail-groups"
        let mailer = install.prefix + "/mail.sh"
        try "#!/bin/sh\nid -G > \(groups)\ncat > /dev/null\n".write(toFile: mailer, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: mailer)
        let again = try CLI.run(executable: install.clew, ["install", "--shared", "--group", install.group, "--db", install.db,
                                                           "--prefix", install.prefix, "--mail-command", mailer],
                                environment: CLI.environment(home: install.work), in: install.work)
        try #require(again.status == 0, "\(again)")
        let queued = try CLI.run(executable: "/usr/bin/sqlite3", [install.db, """
            INSERT INTO outbox (channel, recipient, subject, body, next_attempt_at, created_at)
            VALUES ('email', 'li@example.com', 'Hello', 'Body', 0, 0)
            """], environment: CLI.environment(home: install.work), in: install.work)
        try #require(queued.status == 0, "\(queued)")
        // sqlite3 removed the sidecars when it closed; running the install again puts them back.
        _ = try CLI.run(executable: install.clew, ["install", "--shared", "--group", install.group, "--db", install.db,
                                                   "--prefix", install.prefix, "--mail-command", mailer],
                        environment: CLI.environment(home: install.work), in: install.work)
        let delivered = try install.root("outbox", "deliver")
        #expect(delivered.status == 0, "\(delivered)")
        let gid = String(try #require(getgrnam(install.group)).pointee.gr_gid)
        let seen = try String(contentsOfFile: groups, encoding: .utf8).split(whereSeparator: \.isWhitespace).map(String.init)
        #expect(!seen.isEmpty && !seen.contains(gid), "the mail command ran with groups \(seen), the team group is \(gid)")
        #expect(try install.root("doctor").status == 0)

        // An OS user in no Clew role gets nothing.
        let outsider = try install.run(as: install.outsider, install.clew, ["lead", "list"])
        #expect(outsider.status == 1 && outsider.stderr.contains("you are not a Clew user"), "\(outsider)")
    }
}
