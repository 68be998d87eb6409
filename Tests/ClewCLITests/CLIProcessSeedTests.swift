import Foundation
import Testing

/// The process as seeds 000/001/004 describe it (issue 11), through the real binary.
@Suite("CLI process as the seeds describe it", .enabled(if: CLI.binaryExists, "build the clew binary first"))
struct CLIProcessSeedTests {
    @Test func awayUntilAndBackBothWork() throws {
        let s = try CLISandbox()
        try s.initWithTeam()
        #expect(try s.ok("user", "away", "alice", "--until", "2099-12-01") == "alice is away until 2099-12-01.\n")
        let listed = try #require(try s.clew("user", "list", "--json").json() as? [[String: Any]])
        #expect(listed.first { $0["login"] as? String == "alice" }?["awayUntil"] is String)
        #expect(try s.ok("user", "away", "alice", "--back") == "alice is back.\n")
        for wrong in [["user", "away", "alice"], ["user", "away", "alice", "--until", "2099-12-01", "--back"]] {
            let refused = try s.clew(wrong)
            #expect(refused.status != 0 && refused.stderr.contains("give either --until DATE or --back"), "\(refused)")
        }
    }

    @Test func duplicatesFollowOnePolicyAndLeadShowLinksTheOldLead() throws {
        let s = try CLISandbox()
        try s.initWithTeam()
        let alices = try s.activeLead(owner: "alice", phone: "13800138000")
        // dave (erin's team) learns nothing about alice's lead; bob is told.
        let refused = try s.clew("--as", "dave", "lead", "add", "--customer", "深圳公司", "--phone", "138 0013 8000", "--source", "展会")
        expectUserError(refused, containing: ["another team"])
        #expect(!refused.stderr.contains(alices) && !refused.stderr.contains("alice"))
        let bobInbox = try #require(try s.clew("--as", "bob", "inbox", "--json").json() as? [String: Any])
        #expect(((bobInbox["notifications"] as? [[String: Any]]) ?? []).contains { ($0["body"] as? String)?.contains(alices) == true })
        // Lost, then registered again: a new lead linked to the old one.
        try s.ok("--as", "alice", "lead", "lose", alices, "--reason", "预算不足")
        let again = try s.addLead(phone: "13800138000")
        let shown = try #require(try s.clew("lead", "show", again, "--json").json() as? [String: Any])
        #expect(shown["previousLead"] as? String == alices)
        let text = try s.ok("lead", "show", again)
        #expect(text.contains("Follows") && text.contains("\(alices) — a lost lead coming back"), "\(text)")
    }
}
