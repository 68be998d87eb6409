import Foundation
import Testing

/// Exports leave a trace; a person can be erased.
@Suite("CLI: privacy", .enabled(if: CLI.binaryExists, "build the clew binary first"))
struct CLIPrivacyTests {
    @Test func everyExportIsAudited() throws {
        let s = try CLISandbox()
        try s.initWithTeam()
        _ = try s.activeLead(owner: "alice", phone: "13800138000")
        _ = try s.activeLead(owner: "carol", phone: "13900139000")
        let export = try s.clew("--as", "alice", "export", "leads", "--status", "active", "-o", "mine.csv")
        #expect(export.status == 0, "\(export)")
        try s.ok("export", "followups", "--format", "json")
        let rows = try #require(try s.clew("audit", "--action", "export", "--json").json() as? [[String: Any]])
        #expect(rows.count == 2, "\(rows)")
        let aliceRow = try #require(rows.first { $0["field"] as? String == "leads" })
        #expect(aliceRow["actor"] as? String == "alice")
        #expect(aliceRow["via"] as? String == "root")
        #expect(aliceRow["new"] as? String == "1 leads as csv to mine.csv; filters: --status active", "\(aliceRow)")
        let followUps = try #require(rows.first { $0["field"] as? String == "followups" })
        #expect((followUps["new"] as? String)?.hasPrefix("0 followups as json to stdout") == true, "\(followUps)")
        // The table form, and only admins read the trail.
        #expect(try s.ok("audit", "--action", "export").contains("1 leads as csv to mine.csv"))
        expectUserError(try s.clew("--as", "alice", "audit"), containing: ["alice"])
    }

    @Test func erasingAPersonKeepsHistoryAndCounts() throws {
        let s = try CLISandbox()
        try s.initWithTeam()
        let number = try s.activeLead(owner: "alice", phone: "138 0013 8000")
        try s.ok("--as", "alice", "lead", "edit", number, "--email", "wang@hengtong.cn")
        try s.ok("--as", "alice", "lead", "follow-up", number, "--method", "phone", "--with", "王伟", "--content", "王伟说打 13800138000 或写 wang@hengtong.cn")
        let other = try s.activeLead(owner: "carol", phone: "13900139000")
        let before = try #require(try s.clew("lead", "show", number, "--json").json() as? [String: Any])
        let historyCount = (before["history"] as? [Any])?.count ?? 0

        expectUserError(try s.clew("--as", "alice", "person", "erase", "--phone", "13800138000"), containing: ["alice"])
        let erased = try s.clew("person", "erase", "--phone", "+86 138-0013-8000", "--json")
        #expect(erased.status == 0, "\(erased)")
        let report = try #require(try erased.json() as? [String: Any])
        #expect(report["leads"] as? Int == 1)
        #expect(report["followUps"] as? Int == 1)
        #expect(report["auditValues"] as? Int == 1, "\(report)")  // the email edit's new value

        let after = try #require(try s.clew("lead", "show", number, "--json").json() as? [String: Any])
        #expect(after["phone"] is NSNull && after["email"] is NSNull && after["contact"] is NSNull, "\(after)")
        #expect(after["customer"] as? String == before["customer"] as? String)
        #expect(after["status"] as? String == "active")
        #expect(((after["history"] as? [Any])?.count ?? 0) == historyCount + 1)
        let everything = try s.ok("lead", "show", number, "--json") + (try s.ok("audit", "--limit", "1000", "--json"))
            + (try s.ok("export", "followups")) + (try s.ok("export", "leads"))
        for secret in ["13800138000", "138 0013 8000", "wang@hengtong.cn"] {
            #expect(!everything.contains(secret), "\(secret) is still there")
        }
        // The name goes from the erased lead and its follow-ups (the other lead's 王伟 is someone else).
        #expect(!(try s.ok("lead", "show", number, "--json")).contains("王伟"))
        #expect(!(try s.ok("export", "followups")).contains("王伟"))
        #expect(everything.contains("[已删除]"))
        // Search no longer finds them; the other lead is untouched; the erasure is audited.
        #expect(try s.ok("search", "13800138000").contains(number) == false)
        #expect(try s.ok("search", "13900139000").contains(other))
        #expect(try s.ok("lead", "list").contains(number))
        let audit = try s.ok("audit", "--action", "erase")
        #expect(audit.contains("1 leads, 0 contacts, 1 follow-ups"), "\(audit)")
        expectUserError(try s.clew("person", "erase", "--phone", "13800138000"), containing: ["no lead or contact has"])
    }
}
