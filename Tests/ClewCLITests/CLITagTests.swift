import Foundation
import Testing

@Suite("CLI: manual tags", .enabled(if: CLI.binaryExists, "build the clew binary first"))
struct CLITagTests {
    @Test func aRepTagsTheirLeadTheListFiltersByItAndTheAuditSaysWho() throws {
        let s = try CLISandbox()
        try s.initWithTeam()
        let number = try s.activeLead(phone: "13800138000")
        #expect(try s.ok("--as", "alice", "lead", "tag", number, "add", "价格异议", "vip") == "\(number): vip, 价格异议.\n")
        let listed = try s.ok("--as", "alice", "lead", "tag", number)
        #expect(listed.contains("价格异议") && listed.contains("alice"), "\(listed)")
        #expect(try s.ok("lead", "list", "--tag", "价格异议").contains(number))
        #expect(try s.ok("lead", "show", number).contains("价格异议"))
        #expect(try s.ok("audit", "--action", "tag").contains("lead_tag"))
        #expect(try s.ok("--as", "alice", "lead", "tag", number, "remove", "vip") == "\(number): 价格异议.\n")
        expectUserError(try s.clew(["--as", "alice", "lead", "tag", number, "remove", "vip"]), containing: ["has no tag 'vip'", "没有标签"])
        expectUserError(try s.clew(["--as", "dave", "lead", "tag", number, "add", "x"]))
        expectUserError(try s.clew(["--as", "alice", "lead", "tag", number, "add", "a,b"]), containing: ["commas"])
        expectUserError(try s.clew(["--as", "alice", "lead", "tag", number, "add"]), containing: ["name at least one tag"])
    }
}
