import ClewDomain
import ClewAutomation
import ClewServices
import ClewStore
import Foundation
import Testing

/// `clew intake token add|list|revoke` on the real binary.
@Suite("CLI intake tokens", .enabled(if: CLI.binaryExists))
struct CLIIntakeTests {
    @Test func anAdminMakesListsAndRevokesTokens() throws {
        let sandbox = try CLISandbox()
        try sandbox.initWithTeam()
        let made = try sandbox.clew("intake", "token", "add", "--source", "官网", "--campaign", "春季展", "--public")
        #expect(made.status == 0, "\(made)")
        let secret = made.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(secret.hasPrefix("clw_") && secret.count == 68)
        #expect(made.stderr.contains("intake token #1 for 官网, public"))
        try sandbox.ok("intake", "token", "add", "--source", "抖音", "--rate", "600")
        let list = try sandbox.ok("intake", "token", "list")
        #expect(list.contains("#1") && list.contains("官网") && list.contains("春季展") && list.contains("public"))
        #expect(list.contains("600") && list.contains("private"))
        #expect(list.contains(String(secret.prefix(12))))
        #expect(!list.contains(String(secret.dropFirst(12))), "the secret is never listed")
        #expect(try sandbox.ok("intake", "token", "revoke", "#1").contains("intake token #1 (官网) revoked."))
        let again = try sandbox.clew("intake", "token", "revoke", "1")
        #expect(again.status == 1)
        #expect(again.stderr.contains("already revoked"))
    }

    @Test func nonAdminsAndBadRatesAreRefused() throws {
        let sandbox = try CLISandbox()
        try sandbox.initWithTeam()
        let rep = try sandbox.clew("--as", "alice", "intake", "token", "add", "--source", "官网")
        #expect(rep.status == 1)
        let rate = try sandbox.clew("intake", "token", "add", "--source", "官网", "--rate", "0")
        #expect(rate.status != 0)
        #expect(rate.stderr.contains("--rate"))
        let id = try sandbox.clew("intake", "token", "revoke", "x")
        #expect(id.status != 0)
    }

    /// `lead show` shows the consent a web form recorded (given, the privacy text's version,
    /// when, through which token), in text and in `--json`.
    @Test func leadShowShowsTheConsentAFormRecorded() throws {
        let sandbox = try CLISandbox()
        try sandbox.initWithTeam()
        let secret = try sandbox.ok("intake", "token", "add", "--source", "官网").trimmingCharacters(in: .whitespacesAndNewlines)
        let context = ClewContext(database: try ClewDatabase(path: sandbox.db), automation: AutomationEngine())
        let token = try #require(try IntakeTokenService.authenticate(secret, in: context))
        let login = try #require(OSAccount.current()).login
        let form = try IntakeForm(fields: [("公司", "杭州恒通科技有限公司"), ("手机", "13800138000"), ("consent", "1"), ("privacy_version", "2026-03")],
                                  token: token)
        let answer = try IntakeService(context: context, actor: try UserDirectory(context: context).actingUser(osLogin: login)).submit(form, token: token)
        guard case let .created(number) = answer else {
            Issue.record("expected a new lead, got \(answer)")
            return
        }
        try context.database.close()
        let shown = try sandbox.ok("lead", "show", number.description)
        let line = try #require(shown.split(separator: "\n").first { $0.contains("Consent") }, "\(shown)")
        #expect(line.contains("given (privacy 2026-03)") && line.contains("via intake token #1 (官网)"), "\(line)")
        let json = try #require(try sandbox.clew("lead", "show", number.description, "--json").json() as? [String: Any])
        let consents = try #require(json["consents"] as? [[String: Any]])
        #expect(consents.count == 1)
        #expect(consents.first?["given"] as? Bool == true)
        #expect(consents.first?["privacyVersion"] as? String == "2026-03")
        #expect(consents.first?["source"] as? String == "官网")
    }

    /// `clew serve` execs the clew-serve beside it with the arguments unchanged (here its help,
    /// after the `--` that keeps them from clew), and says so clearly when there is none.
    @Test func serveLaunchesTheServerBesideClew() throws {
        let sandbox = try CLISandbox()
        let server = CLI.packageRoot.appendingPathComponent(".build/debug/clew-serve").path
        if FileManager.default.isExecutableFile(atPath: server) {
            let help = try sandbox.clew(["serve", "--", "--help"], database: false)
            #expect(help.status == 0, "\(help)")
            #expect(help.stdout.contains("POST /v1/leads") && help.stdout.contains("--socket"), "\(help)")
            let bad = try sandbox.clew(["serve", "--port", "70000"], database: false)
            #expect(bad.status != 0)
            #expect(bad.stderr.contains("--port must be 0 to 65535"), "clew-serve's own check: \(bad)")
        }
        // A clew with no clew-serve beside it (a copy in an empty directory).
        let lonely = URL(fileURLWithPath: sandbox.directory).appendingPathComponent("bin")
        try FileManager.default.createDirectory(at: lonely, withIntermediateDirectories: true)
        let copy = lonely.appendingPathComponent("clew").path
        try FileManager.default.copyItem(atPath: CLI.binary, toPath: copy)
        let missing = try CLI.run(executable: copy, ["serve", "--port", "8377"], environment: CLI.environment(home: sandbox.directory),
                                  in: sandbox.directory)
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("clew-serve is not installed at \(lonely.path)/clew-serve"), "\(missing)")
    }
}
