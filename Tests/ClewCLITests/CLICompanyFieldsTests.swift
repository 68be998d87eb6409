import Foundation
import Testing

@Suite("CLI: company fields on lead add/edit/show/list/export", .enabled(if: CLI.binaryExists, "build the clew binary first"))
struct CLICompanyFieldsTests {
    @Test func addShowsJSONAndEditClears() throws {
        let s = try CLISandbox()
        try s.initWithTeam()
        let number = try s.addLead(phone: "13800138010", extra: ["--employees", "1.2万人", "--revenue", "35亿", "--company-type", "SOE",
                                                                  "--founded", "1998年", "--decision-chain", "采购经理 -> 技术总监 > 总经理"])
        let shown = try s.ok("lead", "show", number)
        for text in ["Employees    12000", "Revenue      ¥3,500,000,000 (¥35亿", "Company type 国企 (State-owned)", "Founded      1998",
                     "Decision     采购经理→技术总监→总经理"] {
            #expect(shown.contains(text), "\(text) in:\n\(shown)")
        }
        let json = try #require(try s.clew("lead", "show", number, "--json").json() as? [String: Any])
        #expect(json["employees"] as? Int == 12000)
        #expect(json["revenue"] as? Double == 3_500_000_000)
        #expect(json["companyType"] as? String == "state-owned")
        #expect(json["founded"] as? Int == 1998)
        #expect(json["decisionChain"] as? String == "采购经理→技术总监→总经理")
        try s.ok("lead", "edit", number, "--clear", "company-type,founded", "--employees", "300")
        let after = try #require(try s.clew("lead", "show", number, "--json").json() as? [String: Any])
        #expect(after["companyType"] is NSNull && after["founded"] is NSNull && after["employees"] as? Int == 300)
    }

    @Test func badValuesAreRefusedInBothLanguages() throws {
        let s = try CLISandbox()
        try s.initWithTeam()
        expectUserError(try s.clew(["lead", "add", "--customer", "恒通", "--phone", "13800138011", "--company-type", "合资公司"]),
                        containing: ["did you mean '合资'", "企业性质「合资公司」不在可选值中"])
        expectUserError(try s.clew(["lead", "add", "--customer", "恒通", "--phone", "13800138012", "--employees", "100-499人"]),
                        containing: ["is not a headcount", "员工人数「100-499人」无法识别"])
        expectUserError(try s.clew(["lead", "add", "--customer", "恒通", "--phone", "13800138013", "--founded", "2999"]),
                        containing: ["founded '2999' is not a year", "成立年份"])
        expectUserError(try s.clew(["lead", "list", "--company-type", "公办"]), containing: ["company type '公办'"])
    }

    @Test func listAndExportFilterByCompanyTypeAndHeadcount() throws {
        let s = try CLISandbox()
        try s.initWithTeam()
        let big = try s.addLead(customer: "国企甲", phone: "13800138020", extra: ["--company-type", "国企", "--employees", "800"])
        let small = try s.addLead(customer: "国企乙", phone: "13800138021", extra: ["--company-type", "state-owned", "--employees", "80"])
        let other = try s.addLead(customer: "外企丙", phone: "13800138022", extra: ["--company-type", "外企", "--employees", "5000"])
        let state = try s.ok("lead", "list", "--company-type", "国企")
        #expect(state.contains(big) && state.contains(small) && !state.contains(other))
        let large = try s.ok("lead", "list", "--company-type", "SOE", "--employees-min", "500")
        #expect(large.contains(big) && !large.contains(small) && !large.contains(other))
        let csv = try s.ok("export", "leads", "--employees-min", "500")
        let lines = csv.split(whereSeparator: \.isNewline)
        #expect(lines.first?.contains("employees,revenue,company-type,founded,decision-chain,客户类型") == true, "\(lines.first ?? "")")
        #expect(lines.count == 3 && csv.contains(big) && csv.contains(other) && !csv.contains(small))
    }

    @Test func theDefaultProcessFileExplainsAndScoresTheCompanyFields() throws {
        let s = try CLISandbox()
        try s.initWithTeam()
        let file = s.directory + "/process.toml"
        try s.ok("process", "export", file)
        let text = try String(contentsOfFile: file, encoding: .utf8)
        for line in ["# Company fields: employees (员工人数)", "field = \"employees\"\nmin = 500", "field = \"company-type\"\nequals = [\"国企\"]",
                     "field = \"decision-chain\""] {
            #expect(text.contains(line), "\(line) in the exported process file")
        }
        try s.ok("process", "apply", file)
        let number = try s.addLead(phone: "13800138030", extra: ["--company-type", "国企"])
        #expect(try s.ok("lead", "show", number).contains("state-owned +10"))
    }
}

@Suite("CLI: a late registration is listed by its flag", .enabled(if: CLI.binaryExists, "build the clew binary first"))
struct CLILateRegistrationFilterTests {
    @Test func flagLateRegistrationListsAndExportsOnlyTheLateLeads() throws {
        let s = try CLISandbox()
        try s.initWithTeam()
        let late = try s.addLead(phone: "13800138040", extra: ["--captured-at", "2025-06-02 10:00"])
        let onTime = try s.addLead(phone: "13800138041")
        let listed = try s.ok("lead", "list", "--flag", "late-registration")
        #expect(listed.contains(late) && !listed.contains(onTime), "\(listed)")
        let exported = try s.ok("export", "leads", "--flag", "late-registration")
        #expect(exported.contains(late) && !exported.contains(onTime))
        expectUserError(try s.clew(["lead", "list", "--flag", "late-registraton"]), containing: ["did you mean 'late-registration'"])
        #expect(try s.ok("audit", "--action", "export").contains("--flag late-registration"))
    }
}
