import Foundation
import Testing

/// `clew campaign …` and `clew report …` on the real binary.
@Suite("CLI reports and campaigns", .enabled(if: CLI.binaryExists, "build the clew binary first"))
struct CLIReportTests {
    @Test func campaignsAndTheirReport() throws {
        let s = try CLISandbox()
        try s.initWithTeam()
        for phone in ["13900000001", "13900000002", "13900000003"] {
            _ = try s.addLead(phone: phone, extra: ["--campaign", "2026秋季展会"])
        }
        _ = try s.addLead(phone: "13900000004")

        // The name first seen on a lead is a draft; marketing completes it.
        #expect(try s.ok("campaign", "list").contains("2026秋季展会"))
        let shown = try #require(try s.clew("campaign", "show", "2026秋季展会", "--json").json() as? [String: Any])
        #expect(shown["status"] as? String == "draft" && shown["leads"] as? Int == 3)
        #expect(shown.keys.contains("cost") && shown["cost"] is NSNull)
        try s.ok("campaign", "edit", "2026秋季展会", "--channel", "展会", "--cost", "3万")

        let report = try s.ok("report", "campaigns", "--from", "today", "--to", "today", "--scope", "all")
        let line = try #require(report.split(separator: "\n").first { $0.hasPrefix("2026秋季展会") })
        let cells = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        #expect(cells[1] == "3" && cells[2] == "3")               // leads, valid
        #expect(line.contains("¥30,000") && line.contains("¥10,000"))  // cost, per lead

        // CSV for spreadsheets: UTF-8 with a byte-order mark, the header first.
        let csv = try s.clew("report", "campaigns", "--from", "today", "--to", "today", "--format", "csv")
        #expect(csv.status == 0, "\(csv)")
        #expect(csv.stdout.hasPrefix("\u{FEFF}CAMPAIGN,LEADS,VALID"))
        #expect(csv.stdout.contains("2026秋季展会,3,3,"))

        // JSON keeps the report's structure.
        let funnel = try #require(try s.clew("report", "funnel", "--from", "today", "--to", "today", "--format", "json").json() as? [String: Any])
        let body = try #require(funnel["body"] as? [String: Any])
        let steps = try #require(body["steps"] as? [[String: Any]])
        #expect(steps.first?["key"] as? String == "registered" && steps.first?["reached"] as? Int == 4)
        #expect(funnel["scope"] as? String == "all")

        // xlsx to a file, with the filters on a title row.
        let xlsx = s.directory + "/funnel.xlsx"
        try s.ok("report", "funnel", "--from", "today", "--to", "today", "--source", "展会", "--format", "xlsx", "-o", xlsx)
        let data = try Data(contentsOf: URL(fileURLWithPath: xlsx))
        #expect(data.prefix(2) == Data("PK".utf8))
    }

    @Test func anImportSaysWhichCampaignsItDrafted() throws {
        let s = try CLISandbox()
        try s.initWithTeam()
        try s.ok("campaign", "add", "2026秋季展会", "--channel", "展会")
        let csv = """
            客户名称,联系人,手机,行业,需求,来源,营销活动
            杭州恒通科技有限公司,王伟,13900000011,制造业,需采购企业级SaaS系统,展会,2026秋季展会
            宁波瑞丰贸易有限公司,李娜,13900000012,零售,需要CRM替换现有Excel管理,线上推广,抖音直播12月
            苏州天宇电子有限公司,张强,13900000013,制造业,需采购企业级SaaS系统,线上推广,抖音直播12月

            """
        try Data(csv.utf8).write(to: URL(fileURLWithPath: s.directory + "/leads.csv"))
        let imported = try s.ok("import", "leads.csv")
        #expect(imported.contains("New draft campaign for marketing to complete: 抖音直播12月"), "\(imported)")
        #expect(!imported.contains("2026秋季展会 ("))
        let drafts = try #require(try s.clew("campaign", "list", "--status", "draft", "--json").json() as? [[String: Any]])
        #expect(drafts.map { $0["name"] as? String } == ["抖音直播12月"] && drafts.first?["leads"] as? Int == 2)
    }

    @Test func reportErrorsSayWhatToDo() throws {
        let s = try CLISandbox()
        try s.initWithTeam()
        expectUserError(try s.clew("--as", "alice", "report", "funnel", "--scope", "all"), containing: ["cannot see the 'all' scope", "--scope mine"])
        expectUserError(try s.clew("report", "trend", "--from", "2026-11-02", "--to", "2026-11-01"), containing: ["before it starts"])
        expectUserError(try s.clew("--as", "alice", "campaign", "add", "x"), containing: ["cannot manage campaigns"])
        expectUserError(try s.clew("campaign", "show", "nope"), containing: ["no campaign named 'nope'"])
    }
}
