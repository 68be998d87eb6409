import Foundation
import Testing

@Suite("CLI: the process of the seeds, part 2", .enabled(if: CLI.binaryExists, "build the clew binary first"))
struct CLIRulesPart2Tests {
    @Test func aRepConvertsOnceIntentIsConfirmedAndTheWinClosesThatOpportunity() throws {
        let s = try CLISandbox()
        try s.initWithTeam()
        let number = try s.activeLead(phone: "13800138001")
        let converted = try s.ok("--as", "alice", "lead", "convert", number, "--contact", "--opportunity")
        #expect(converted.contains("\(number) converted: customer #1") && converted.contains("contact 王伟")
                && converted.contains("opportunity #1 open"), "\(converted)")
        #expect(try s.ok("lead", "show", number).contains("Converted"))
        expectUserError(try s.clew(["--as", "alice", "lead", "convert", number, "--opportunity"]), containing: ["converted already", "已转换"])
        expectUserError(try s.clew(["--as", "carol", "lead", "convert", number]))
        try s.ok("lead", "move", number, "contract")
        try s.ok("--as", "alice", "lead", "win", number, "--amount", "38万")
        let shown = try s.ok("lead", "show", number)
        #expect(shown.contains("opportunity #1 won for"), "\(shown)")
        let detail = try #require(try s.clew(["lead", "show", number, "--json"]).json() as? [String: Any])
        let conversion = try #require(detail["conversion"] as? [String: Any])
        #expect(conversion["opportunityStatus"] as? String == "won")
        #expect(conversion["opportunityID"] as? Int == 1)
    }
}

@Suite("CLI: colleagues, approvals and capture time", .enabled(if: CLI.binaryExists, "build the clew binary first"))
struct CLIColleagueAndApprovalTests {
    @Test func aRepGivesLegalATaskAndRemindersGoOutByEmail() throws {
        let s = try CLISandbox()
        try s.initWithTeam()
        try s.ok("user", "add", "lena", "--name", "Lena Fa", "--role", "legal")
        let number = try s.activeLead(phone: "13800138002")
        #expect(try s.ok("--as", "lena", "user", "reminders", "--email", "lena@example.com", "--by", "email")
                == "lena: reminders by inbox, email · email lena@example.com.\n")
        #expect(try s.ok("--as", "alice", "task", "add", "请协助审核合同条款", "--lead", number, "--assignee", "lena").hasPrefix("Task #"))
        let outbox = try s.ok("outbox", "list")
        #expect(outbox.contains("lena@example.com"), "\(outbox)")
        expectUserError(try s.clew(["--as", "carol", "task", "add", "x", "--lead", number, "--assignee", "lena"]))
        expectUserError(try s.clew(["--as", "lena", "user", "reminders", "--by", "sms"]), containing: ["mobile"])
        expectUserError(try s.clew(["--as", "lena", "lead", "lose", number, "--reason", "无效线索"]))
    }

    @Test func aBigDealWaitsForTheSupervisorBeforeTheContractStage() throws {
        let s = try CLISandbox()
        try s.initWithTeam()
        let number = try s.addLead(phone: "13800138003", extra: ["--budget", "200-300万"])
        try s.ok("lead", "grade", number, "A", "--reason", "预算明确")
        try s.ok("lead", "assign", number, "alice")
        try s.ok("--as", "alice", "lead", "confirm", number)
        let asked = try s.ok("--as", "alice", "lead", "move", number, "contract")
        #expect(asked.contains("needs the supervisor's approval") && asked.contains("sent to bob"), "\(asked)")
        let list = try s.ok("--as", "bob", "approval", "list")
        #expect(list.contains("contract") && list.contains("expected"), "\(list)")
        let id = try #require(list.split(separator: "#").dropFirst().first?.prefix { $0.isNumber })
        #expect(try s.ok("--as", "bob", "approval", "approve", String(id)).contains("is now in contract"))
    }

    @Test func aLateRegistrationIsFlagged() throws {
        let s = try CLISandbox()
        try s.initWithTeam()
        let number = try s.addLead(phone: "13800138004", extra: ["--captured-at", "2025-06-02 10:00"])
        let shown = try s.ok("lead", "show", number)
        #expect(shown.contains("Captured") && shown.contains("registered late") && shown.contains("late-registration"), "\(shown)")
        expectUserError(try s.clew(["lead", "add", "--customer", "X", "--phone", "13800138005", "--captured-at", "+1d"]), containing: ["in the future"])
    }
}
