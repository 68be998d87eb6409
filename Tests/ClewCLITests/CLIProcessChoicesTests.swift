import Foundation
import Testing

@Suite("CLI: pick lists, tag dimensions, a task assignee reading the lead, a win's amount checked again",
       .enabled(if: CLI.binaryExists, "build the clew binary first"))
struct CLIProcessChoicesTests {
    @Test func aTagDimensionTakesOneDefinedValueShowsInTheDetailAndFiltersTheList() throws {
        let s = try CLISandbox()
        try s.initWithTeam()
        let number = try s.activeLead(phone: "13800138000")
        try s.ok("--as", "alice", "lead", "tag", number, "add", "客户类型=高潜力")
        #expect(try s.ok("--as", "alice", "lead", "tag", number, "add", "客户类型=长期合作") == "\(number): 客户类型=长期合作.\n")
        let shown = try s.ok("lead", "show", number)
        let line = shown.split(separator: "\n").first { $0.hasPrefix("  客户类型") }
        #expect(line?.hasSuffix("长期合作") == true, "\(shown)")
        #expect(try s.ok("lead", "list", "--tag", "客户类型=长期合作").contains(number))
        #expect(try !s.ok("lead", "list", "--tag", "客户类型=高潜力").contains(number))
        expectUserError(try s.clew(["--as", "alice", "lead", "tag", number, "add", "客户类型=高潜"]),
                        containing: ["did you mean '高潜力'", "您是不是要输入「高潜力」"])
    }

    @Test func aSourceOutsideTheListIsRefusedOnceTheFileAllowsNoFreeText() throws {
        let s = try CLISandbox()
        try s.initWithTeam()
        let file = s.directory + "/process.toml"
        try s.ok("process", "export", file)
        let text = try String(contentsOfFile: file, encoding: .utf8)
        #expect(text.contains("[fields.source]") && text.contains("[[tag.dimension]]"))
        try text.replacingOccurrences(of: "free_text = true", with: "free_text = false").write(toFile: file, atomically: true, encoding: .utf8)
        try s.ok("process", "apply", file)
        expectUserError(try s.clew(["lead", "add", "--customer", "恒通科技", "--phone", "13800138001", "--source", "展览"]),
                        containing: ["source '展览' is not an allowed value", "did you mean '展会'", "不在可选值中"])
        let number = try s.addLead(phone: "13800138002")
        expectUserError(try s.clew(["lead", "edit", number, "--industry", "制造"]), containing: ["did you mean '制造业'"])
    }

    @Test func aColleagueWithATaskReadsTheLeadAndAWinAboveTheThresholdWaitsForTheSupervisor() throws {
        let s = try CLISandbox()
        try s.initWithTeam()
        let number = try s.activeLead(phone: "13800138003")
        expectUserError(try s.clew(["--as", "dave", "lead", "show", number]))
        try s.ok("--as", "bob", "task", "add", "准备华南演示", "--lead", number, "--assignee", "dave")
        #expect(try s.ok("--as", "dave", "lead", "show", number).contains(number))
        for stage in ["proposal", "negotiation", "contract"] {
            try s.ok("--as", "alice", "lead", "follow-up", number, "--method", "phone", "--content", "电话沟通了采购预算和时间表")
            try s.ok("--as", "alice", "lead", "move", number, stage)
        }
        expectUserError(try s.clew(["--as", "alice", "lead", "win", number, "--amount", "120万"]),
                        containing: ["needs the supervisor's approval", "bob's inbox"])
        let pending = try s.ok("--as", "bob", "approval", "list")
        #expect(pending.contains("deal-amount") || pending.contains("成交金额"), "\(pending)")
    }
}
