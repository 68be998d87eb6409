import ClewDomain
import ClewServices
import ClewStore
import Foundation
import GRDB
import Testing

/// `clew import` and `clew export` through the real binary.
@Suite("CLI: import and export", .serialized)
struct CLIImportTests {
    static let csv = """
        客户信息登记表
        客户名称,联系人,手机,邮箱,所属行业,需求描述,线索来源,城市,备注
        杭州恒通科技有限公司,王伟,138 0013 8000,wang@hengtong.cn,制造业,需采购SaaS,展会,杭州,老客户
        "宁波, 大华",李雷,１３９００１３９０００,bad-email,,,,宁波,
        ,无名,13700137000,,,,,,
        恒通科技,王伟,+86 138-0013-8000,,制造业,需采购ERP,官网,杭州,
        假号码公司,张三,13812345678,,零售,,,,

        """

    @Test func importListUndoAndExport() throws {
        let sandbox = try CLISandbox()
        try sandbox.initWithTeam()
        let path = sandbox.directory + "/leads.csv"
        try #require(Self.csv.data(using: String.Encoding(rawValue: 0x8000_0632))).write(to: URL(fileURLWithPath: path))

        let json = try sandbox.clew("import", "leads.csv", "--json")
        #expect(json.status == 0, "\(json)")
        let summary = try #require(try json.json() as? [String: Any])
        #expect(summary["rows"] as? Int == 5)
        #expect(summary["inserted"] as? Int == 3)
        #expect(summary["merged"] as? Int == 1)
        #expect(summary["rejected"] as? Int == 1)
        #expect(summary["flagged"] as? Int == 2)
        #expect(summary["encoding"] as? String == "gb18030")
        let rejects = try String(contentsOfFile: sandbox.directory + "/leads.rejects.csv", encoding: .utf8)
        #expect(rejects.contains("5,missing customer name (客户名称),,无名,13700137000"))

        let again = try sandbox.clew("import", "leads.csv")
        #expect(again.status == 0)
        #expect(again.stdoutLines.contains("5 rows: 0 new leads, 0 merged into existing leads, 4 already present, 1 rejected (see \(sandbox.directory)/leads.rejects.csv), 0 flagged"), "\(again)")

        let list = try sandbox.ok("import", "list")
        #expect(list.contains("leads.csv"))
        let template = try sandbox.ok("import", "--template")
        #expect(template.hasPrefix("\u{FEFF}客户名称(customer),联系人(contact),"))

        let csv = try sandbox.ok("export", "leads")
        #expect(csv.hasPrefix("\u{FEFF}number,status,stage,"))
        #expect(csv.contains("\"宁波, 大华\""))
        let exported = try sandbox.clew("export", "leads", "--format", "json")
        #expect((try exported.json() as? [[String: Any]])?.count == 3)
        let gb = try sandbox.clew("export", "leads", "--excel", "-o", "gb.csv")
        #expect(gb.stdout == "Exported 3 leads to gb.csv.\n", "\(gb)")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: sandbox.directory + "/gb.csv"))
        #expect(String(data: bytes, encoding: .utf8) == nil && String(data: bytes, encoding: String.Encoding(rawValue: 0x8000_0632))?.contains("杭州恒通科技有限公司") == true)
        try sandbox.ok("export", "leads", "--format", "xlsx", "--output", "all.xlsx")
        try sandbox.ok("export", "tasks", "--format", "csv")
        expectUserError(try sandbox.clew("export", "laeds"), containing: ["did you mean 'leads'"])

        // Round trip through the binary: export, then import into an empty database.
        let other = try CLISandbox()
        try other.ok("init", "--name", "Root Admin")
        try FileManager.default.copyItem(atPath: sandbox.directory + "/all.xlsx", toPath: other.directory + "/all.xlsx")
        let back = try other.clew("import", "all.xlsx", "--json")
        #expect((try back.json() as? [String: Any])?["inserted"] as? Int == 3, "\(back)")

        let undo = try sandbox.clew("import", "undo", "1")
        #expect(undo.status == 0, "\(undo)")
        #expect(undo.stdout.hasPrefix("Import #1: removed 3 leads."))
        #expect(try sandbox.ok("lead", "list") == "No leads.\n")
    }

    @Test func brokenFilesAreOneClearLine() throws {
        let sandbox = try CLISandbox()
        try sandbox.initWithTeam()
        expectUserError(try sandbox.clew("import", "missing.csv"), containing: ["no such file"])
        try Data("客户名称,电话\n甲,13900000001\n乙,\"13900000002\n".utf8).write(to: URL(fileURLWithPath: sandbox.directory + "/q.csv"))
        expectUserError(try sandbox.clew("import", "q.csv"), containing: ["q.csv line 3: a quoted cell (\") is never closed"])
        try Data("Foo,Bar\n1,2\n".utf8).write(to: URL(fileURLWithPath: sandbox.directory + "/u.csv"))
        expectUserError(try sandbox.clew("import", "u.csv"), containing: ["no recognisable columns (saw: Foo, Bar)"])
        expectUserError(try sandbox.clew("--as", "alice", "import", "undo", "1"), containing: ["no import #1"])
        #expect(try sandbox.ok("lead", "list") == "No leads.\n")
    }

    @Test func escapeSequencesNeverReachTheTerminal() throws {
        let sandbox = try CLISandbox()
        try sandbox.initWithTeam()
        let text = "客户名称,电话,备注\u{1B}]0;pwned\u{07}\n\u{1B}[2J恒通,13800138000,x\n,13900000001,\u{1B}[31m\n"
        try Data(text.utf8).write(to: URL(fileURLWithPath: sandbox.directory + "/e.csv"))
        let result = try sandbox.clew("import", "e.csv", "--dry-run")
        #expect(result.status == 0, "\(result)")
        #expect(!result.stdout.contains("\u{1B}") && !result.stderr.contains("\u{1B}"))
        #expect(result.stdout.contains("Kept as custom fields: 备注"))
    }

    /// A real child process is killed with SIGKILL at random points of a chunked import (issue
    /// 12): the committed chunks stay, `clew import --resume` continues after them, and the end
    /// has every row exactly once; a second import killed the same way is undone completely.
    @Test func killMinusNineAtRandomPointsThenResumeOrUndo() throws {
        let sandbox = try CLISandbox()
        try sandbox.initWithTeam()
        _ = try sandbox.addLead(phone: "13800138000")
        let rows = 30_000
        func write(_ name: String, prefix: String) throws {
            var text = "客户名称,联系人,电话,邮箱,所属行业,需求描述,线索来源,城市\n"
            for i in 0..<rows {
                text += "公司\(i),联系人\(i),\(prefix)\(String(format: "%08d", i)),u\(i)@\(prefix).example.com,制造业,需求\(i),展会,杭州\n"
            }
            try Data(text.utf8).write(to: URL(fileURLWithPath: sandbox.directory + "/" + name))
        }
        try write("big.csv", prefix: "139")
        try write("other.csv", prefix: "137")
        let database = try DatabaseQueue(path: sandbox.db, configuration: { var c = Configuration(); c.readonly = true; return c }())
        func count(_ sql: String) throws -> Int { try database.read { try Int.fetchOne($0, sql: sql) ?? 0 } }

        /// Starts `clew import arguments…` and kills it once at least `chunks` chunks committed.
        func killMidway(_ arguments: [String], afterRow: Int) throws -> Bool {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: CLI.binary)
            process.arguments = ["--db", sandbox.db, "import"] + arguments + ["--no-progress"]
            process.environment = CLI.environment(home: sandbox.directory)
            process.currentDirectoryURL = URL(fileURLWithPath: sandbox.directory)
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            let deadline = Date().addingTimeInterval(90)
            while process.isRunning, Date() < deadline {
                if try count("SELECT coalesce(max(resume_row), 0) FROM import WHERE status = 'running'") > afterRow { break }
                usleep(2_000)
            }
            guard process.isRunning else { return false }
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            return process.terminationReason == .uncaughtSignal
        }

        // Killed twice at random points, resumed each time (at least one kill lands on a loaded machine too).
        var killed = 0
        if try killMidway(["big.csv"], afterRow: Int.random(in: 1...8_000)) { killed += 1 }
        let partial = try #require(try sandbox.clew("import", "list", "--json").json() as? [[String: Any]])
        if killed == 1 { #expect(partial.first?["status"] as? String == "partial") }
        if try killMidway(["--resume", "big.csv"], afterRow: Int.random(in: 12_000...20_000)) { killed += 1 }
        #expect(killed >= 1, "the import finished before it could be killed; make the file bigger")
        let done = try sandbox.clew("import", "--resume", "big.csv", "--json", "--no-progress")
        if killed > 0 {
            let summary = try #require(try done.json() as? [String: Any], "\(done)")
            #expect(summary["inserted"] as? Int == rows)
            #expect(summary["resumedAfterRow"] as? Int ?? 0 > 0)
        }
        #expect(try count("SELECT count(*) FROM lead") == rows + 1, "nothing lost")
        #expect(try count("SELECT count(*) FROM (SELECT phone_key FROM lead GROUP BY phone_key HAVING count(*) > 1)") == 0, "nothing doubled")
        #expect(try count("SELECT count(*) FROM import_lead") == rows)
        #expect(try count("SELECT count(*) FROM audit WHERE action = 'import' AND entity = 'lead'") == rows)

        // Killed once, then undone: no lead of it is left.
        _ = try killMidway(["other.csv"], afterRow: Int.random(in: 1...20_000))
        let id = try count("SELECT max(id) FROM import")
        #expect(id > 0)
        if try count("SELECT count(*) FROM import WHERE id = \(id) AND status = 'running'") == 1 {
            let undo = try sandbox.clew("import", "undo", String(id))
            #expect(undo.status == 0, "\(undo)")
            #expect(try count("SELECT count(*) FROM lead WHERE phone_key LIKE '+86137%'") == 0)
        }
        #expect(try count("SELECT count(*) FROM lead") == rows + 1 || killed == 0)
        let doctor = try sandbox.clew("doctor")
        #expect(doctor.status == 0, "\(doctor)")
    }

    /// Everything an import could have touched, read through the binary.
    private func snapshot(_ sandbox: CLISandbox) throws -> [String] {
        [try sandbox.ok("export", "leads", "--format", "json"), try sandbox.ok("import", "list", "--json"),
         try sandbox.ok("export", "tasks")]
    }
}
