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
}
