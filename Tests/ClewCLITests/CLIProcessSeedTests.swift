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
}
