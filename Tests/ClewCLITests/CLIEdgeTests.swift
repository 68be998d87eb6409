import Foundation
import Testing

/// The edges of issue 15: each failed before its fix.
@Suite("CLI: edges", .enabled(if: CLI.binaryExists, "build the clew binary first"))
struct CLIEdgeTests {
    @Test func doctorOnACorruptFilePrintsAReportAndExits2() throws {
        let s = try CLISandbox()
        try s.initWithTeam()
        // Keep the header, overwrite the schema pages with noise.
        var bytes = try Data(contentsOf: URL(fileURLWithPath: s.db))
        try #require(bytes.count > 8_192)
        for index in 100..<min(bytes.count, 12_000) { bytes[index] = UInt8(truncatingIfNeeded: index &* 31) }
        try bytes.write(to: URL(fileURLWithPath: s.db))
        for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: s.db + suffix) }
        let doctor = try s.clew("doctor")
        #expect(doctor.status == 2, "\(doctor)")
        #expect(doctor.stdoutLines.contains { $0.hasPrefix("FAIL  open") }, "\(doctor)")
        #expect(doctor.stdoutLines.contains { $0.hasPrefix("ok    database file") }, "\(doctor)")
        let garbage = s.directory + "/garbage.db"
        try Data(repeating: 0x41, count: 4_096).write(to: URL(fileURLWithPath: garbage))
        let second = try s.clew(["--db", garbage, "doctor", "--json"], database: false)
        #expect(second.status == 2, "\(second)")
        let findings = try #require(try second.json() as? [[String: Any]])
        #expect(findings.first?["check"] as? String == "open")
    }

    @Test func anotherSQLiteFileIsRefusedUntouched() throws {
        let s = try CLISandbox()
        let other = s.directory + "/app.db"
        let sqlite = try CLI.run(executable: "/usr/bin/sqlite3", [other, "CREATE TABLE invoice (id INTEGER PRIMARY KEY)"],
                                 environment: CLI.environment(home: s.directory), in: s.directory)
        try #require(sqlite.status == 0, "\(sqlite)")
        expectUserError(try s.clew(["--db", other, "lead", "list"], database: false), containing: ["is not a Clew database"])
        expectUserError(try s.clew(["--db", other, "init"], database: false), containing: ["is not a Clew database"])
        let tables = try CLI.run(executable: "/usr/bin/sqlite3", [other, ".tables"], environment: CLI.environment(home: s.directory), in: s.directory)
        #expect(tables.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "invoice")
    }

    @Test func leadShowJSONHasTaskAndApprovalEventsAndNullKeys() throws {
        let s = try CLISandbox()
        try s.initWithTeam()
        let number = try s.activeLead(phone: "13800138000")
        try s.ok("--as", "alice", "task", "add", "回访客户", "--lead", number)
        try s.ok("--as", "alice", "lead", "follow-up", number, "--method", "phone", "--content", "客户表示价格高")
        _ = try s.ok("--as", "alice", "lead", "move", number, "negotiation", "--reason", "客户已确认方案")
        let shown = try #require(try s.clew("lead", "show", number, "--json").json() as? [String: Any])
        let history = try #require(shown["history"] as? [[String: Any]])
        #expect(history.contains { $0["entity"] as? String == "task" && $0["action"] as? String == "create" }, "\(history)")
        #expect(history.contains { $0["entity"] as? String == "approval" && $0["action"] as? String == "request-approval" }, "\(history)")
        // Every row keeps its null keys.
        #expect(history.allSatisfy { $0.keys.contains("via") && $0.keys.contains("old") && $0.keys.contains("field") }, "\(history)")
        let followUp = try #require((shown["followUps"] as? [[String: Any]])?.first)
        #expect(followUp["feedback"] is NSNull && followUp["nextDue"] is NSNull, "\(followUp)")
        let task = try #require((shown["tasks"] as? [[String: Any]])?.first)
        #expect(task["dueAt"] is NSNull && task["doneAt"] is NSNull, "\(task)")
        let approval = try #require((shown["approvals"] as? [[String: Any]])?.first)
        #expect(approval["decidedAt"] is NSNull && approval["comment"] is NSNull, "\(approval)")
    }

    @Test func savingAnUnchangedLeadWritesNoAuditRow() throws {
        let s = try CLISandbox()
        try s.initWithTeam()
        let number = try s.activeLead(phone: "13800138000")
        let before = try #require(try s.clew("lead", "show", number, "--json").json() as? [String: Any])
        try s.ok("--as", "alice", "lead", "edit", number, "--city", "杭州")
        let after = try #require(try s.clew("lead", "show", number, "--json").json() as? [String: Any])
        #expect((after["history"] as? [Any])?.count == (before["history"] as? [Any])?.count)
        #expect(after["version"] as? Int == before["version"] as? Int)
    }
}
