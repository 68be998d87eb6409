import Foundation
import Testing

/// `CLEW_LOCK_TRACE`: each write transaction of a `clew` process appends `pid command wait_ms
/// hold_ms`; the command is its words before the first option, path or file, so the load
/// bench can group an import's holds apart from the writers'.
@Suite("CLI: the lock trace names the command")
struct CLILockTraceTests {
    @Test func anImportOfAFileWithNoExtensionIsNamedImport() throws {
        let s = try CLISandbox()
        try s.initWithTeam()
        // A file named like a subcommand word, in the working directory.
        try "客户名称,联系人,手机,所属行业,需求描述,线索来源\n杭州恒通科技有限公司,王伟,13800138000,制造业,需采购SaaS,展会\n"
            .write(toFile: s.directory + "/leads", atomically: true, encoding: .utf8)
        let trace = s.directory + "/lock.trace"
        let imported = try s.clew(["import", "leads"], environment: ["CLEW_LOCK_TRACE": trace])
        #expect(imported.status == 0, "\(imported)")
        let added = try s.clew(["lead", "add", "--customer", "宁波大华", "--phone", "13900139000"], environment: ["CLEW_LOCK_TRACE": trace])
        #expect(added.status == 0, "\(added)")
        let commands = Set(try String(contentsOfFile: trace, encoding: .utf8).split(separator: "\n").map { $0.split(separator: " ")[1] })
        #expect(commands.contains("import") && commands.contains("lead-add"))
        #expect(!commands.contains("import-leads"))
    }
}
