import ClewDomain
import ClewServices
@testable import ClewStore
import Foundation
import Testing

@Suite("Company fields and tag dimensions through import and export")
struct CompanyFieldsImportTests {
    @Test func chineseAndEnglishHeadersMapAndABadValueIsSetAsideNamingFileLineAndField() throws {
        let f = try ImportFixture()
        let text = """
            客户名称,电话,规模,年营收,企业性质,成立时间,决策链,客户类型
            甲公司,13900001111,800人,2.5亿,民营企业,2008-05-12,采购经理->总经理,高潜力
            乙公司,13900001112,100-499人,,国企,,,
            丙公司,13900001113,50,3000万,公办,,,
            丁公司,13900001114,50,,外资,2030,,
            """
        let summary = try f.run(try f.csv("company.csv", text))
        // An unreadable company field keeps its row: the rest imports, the value goes aside as a
        // custom field under its header, and the summary warns with file, line and field.
        #expect((summary.inserted, summary.rejected) == (4, 0))
        #expect(summary.columns["规模"] == "employees" && summary.columns["企业性质"] == "company-type" && summary.columns["成立时间"] == "founded")
        #expect(summary.customFields.isEmpty && summary.dimensionColumns == ["客户类型"])
        #expect(summary.warned == 3 && summary.line.hasSuffix("3 values set aside"), "\(summary.line)")
        let warnings = summary.warnings.map(\.text)
        #expect(summary.warnings.map(\.line) == [3, 4, 5] && summary.warnings.map(\.field) == ["employees", "company-type", "founded"])
        #expect(warnings[0].hasPrefix("company.csv line 3, 规模 (employees): '100-499人' kept as a custom field") && warnings[0].contains("员工人数"), "\(warnings)")
        #expect(warnings[1].contains("company type '公办'") && warnings[1].contains("企业性质"), "\(warnings)")
        #expect(warnings[2].contains("founded '2030'") && warnings[2].contains("成立年份"), "\(warnings)")
        let second = try #require(try f.lead(phone: "13900001112"))
        #expect(second.details.employees == nil && second.details.companyKind == .stateOwned)
        let detail = try f.leads().detail(second.number.description)
        #expect(detail.customFields.map { "\($0.name)=\($0.value)" } == ["规模=100-499人"])
        let third = try #require(try f.lead(phone: "13900001113"))
        #expect(third.details.employeeCount == 50 && third.details.annualRevenue == Money(yuan: 30_000_000) && third.details.companyType == nil)
        #expect(try f.leads().detail(third.number.description).customFields.map { "\($0.name)=\($0.value)" } == ["企业性质=公办"])
        let fourth = try #require(try f.lead(phone: "13900001114"))
        #expect(fourth.details.founded == nil && fourth.details.companyKind == .foreign)
        let lead = try #require(try f.lead(phone: "13900001111"))
        #expect(lead.details.employeeCount == 800 && lead.details.annualRevenue == Money(yuan: 250_000_000))
        #expect(lead.details.companyKind == .privateOwned && lead.details.foundedYear == 2008 && lead.details.decisionChain == "采购经理→总经理")
        #expect(lead.tags == ["客户类型=高潜力"])

        let english = "Company,Phone,Headcount,Annual revenue,Company type,Year founded,Decision chain\n戊公司,13900001115,1200,80000000,JV,1999,CTO > CEO\n"
        #expect(try f.run(try f.csv("english.csv", english)).inserted == 1)
        let other = try #require(try f.lead(phone: "13900001115"))
        #expect(other.details.companyKind == .jointVenture && other.details.employeeCount == 1200 && other.details.decisionChain == "CTO→CEO")
    }

    @Test func exportHasCompanyColumnsAndOneColumnPerDimensionAndImportsBack() throws {
        let f = try ImportFixture()
        try f.run(try f.csv("a.csv", "客户名称,电话,员工人数,年营收,企业性质,成立年份,决策链,客户类型\n甲公司,13900002222,800,2.5亿,国企,2008,采购经理→总经理,长期合作\n"))
        let lead = try #require(try f.lead(phone: "13900002222"))
        try TagService(context: f.context, actor: try f.actor("admin")).add(["vip"], to: lead.number.description)
        let export = ExportService(context: f.context, actor: try f.actor("admin"))
        let header = export.header(.leads)
        #expect(Array(header.suffix(6)) == ["employees", "revenue", "company-type", "founded", "decision-chain", "客户类型"])
        var rows: [[String]] = []
        try export.rows(.leads, query: LeadQuery()) { rows.append($0) }
        let row = Dictionary(uniqueKeysWithValues: zip(header, try #require(rows.first)))
        #expect(row["employees"] == "800" && row["revenue"] == "250000000" && row["company-type"] == "国企")
        #expect(row["founded"] == "2008" && row["decision-chain"] == "采购经理→总经理")
        #expect(row["客户类型"] == "长期合作" && row["tags"] == "vip", "the dimension has its own column, not the tags column")
        // The exported file imports into another database as it is.
        let path = f.directory.appendingPathComponent("out.csv").path
        #expect(try ExportRoundTripTests.export(f, .csv, to: path) == 1)
        let target = try ImportFixture(team: false)
        let summary = try target.run(path)
        #expect(summary.inserted == 1 && summary.customFields.isEmpty)
        let copy = try #require(try target.lead(phone: "13900002222"))
        #expect(copy.details == lead.details)
        #expect(copy.tags.contains("客户类型=长期合作"))
    }
}
