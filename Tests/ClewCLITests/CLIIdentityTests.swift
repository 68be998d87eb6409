import Foundation
import Testing

@Suite("CLI identity", .enabled(if: CLI.binaryExists, "build the clew binary first"))
struct CLIIdentityTests {
    static var runuser: String? {
        ["/usr/sbin/runuser", "/sbin/runuser", "/usr/bin/runuser"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Running as `nobody` needs root and runuser.
    static var canSwitchUser: Bool { getuid() == 0 && runuser != nil }

    @Test(.enabled(if: getuid() == 0, "the expected identity is root"))
    func theOSUserIsUsedNotTheUSERVariable() throws {
        let s = try CLISandbox()
        let fake = ["USER": "alice", "LOGNAME": "alice", "SUDO_USER": "alice"]
        let created = try s.clew(["init"], environment: fake)
        #expect(created.stdout.contains("root is admin"), "\(created)")
        try s.ok("user", "add", "alice", "--name", "Alice", "--role", "rep")
        let added = try s.clew(["lead", "add", "--customer", "恒通科技", "--phone", "13800138000", "--source", "展会"], environment: fake)
        #expect(added.status == 0, "\(added)")
        let number = added.stdout.trimmingCharacters(in: .newlines)
        let shown = try #require(try s.clew("lead", "show", number, "--json").json() as? [String: Any])
        #expect(shown["createdBy"] as? String == "root")
        // And root keeps admin powers whatever USER says.
        #expect(try s.clew(["doctor"], environment: fake).status == 0)
        let users = try #require(try s.clew(["user", "list", "--json"], environment: fake).json() as? [[String: Any]])
        #expect(users.map { $0["login"] as? String } == ["alice", "root"])
    }

    @Test(.enabled(if: canSwitchUser, "needs root and runuser"))
    func anUnknownOSUserIsNotAClewUser() throws {
        let s = try CLISandbox()
        try s.initWithTeam()
        try s.openUpPermissions()
        let result = try CLI.run(executable: try #require(Self.runuser), ["-u", "nobody", "--", CLI.binary, "--db", s.db, "lead", "list"],
                                 environment: CLI.environment(home: s.directory), in: s.directory)
        #expect(result.status == 1, "\(result)")
        #expect(result.stdout.isEmpty)
        #expect(result.stderr == "clew: you are not a Clew user; ask an admin (clew user add nobody)\n")
    }

    @Test(.enabled(if: canSwitchUser, "needs root and runuser"))
    func onlyAnAdminMayUseAs() throws {
        let s = try CLISandbox()
        try s.initWithTeam()
        try s.ok("user", "add", "nobody", "--name", "Nobody", "--role", "rep", "--supervisor", "bob")
        try s.openUpPermissions()
        let runuser = try #require(Self.runuser)
        let asAlice = try CLI.run(executable: runuser, ["-u", "nobody", "--", CLI.binary, "--db", s.db, "--as", "alice", "lead", "list"],
                                  environment: CLI.environment(home: s.directory), in: s.directory)
        expectUserError(asAlice, containing: ["clew: only an admin can act as another user (--as); nobody is not an admin"])
        // Without --as, nobody works as the rep they are.
        let plain = try CLI.run(executable: runuser, ["-u", "nobody", "--", CLI.binary, "--db", s.db, "lead", "list"],
                                environment: CLI.environment(home: s.directory), in: s.directory)
        #expect(plain.status == 0, "\(plain)")
        #expect(plain.stdout == "No leads.\n")
    }

    @Test func asAnUnknownUserSuggestsTheClosest() throws {
        let s = try CLISandbox()
        try s.initWithTeam()
        expectUserError(try s.clew("--as", "alcie", "lead", "list"), containing: ["no user 'alcie'; did you mean 'alice'?"])
    }

    @Test func deactivatedUsersAreRefusedAndTheLastAdminStays() throws {
        let s = try CLISandbox()
        try s.initWithTeam()
        let number = try s.activeLead(phone: "13800138000")
        let out = try s.ok("user", "deactivate", "alice", "--handover-to", "carol")
        #expect(out.contains("carol took over 1 leads"))
        let shown = try #require(try s.clew("lead", "show", number, "--json").json() as? [String: Any])
        #expect(shown["owner"] as? String == "carol")
        expectUserError(try s.clew("user", "deactivate", "root", "--handover-to", "bob"), containing: ["last active admin"])
        expectUserError(try s.clew("--as", "bob", "user", "add", "zed", "--name", "Zed", "--role", "rep"), containing: ["bob (supervisor) cannot manage users"])
    }
}
