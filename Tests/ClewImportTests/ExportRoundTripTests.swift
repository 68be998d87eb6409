import ClewDomain
import ClewServices
@testable import ClewStore
import Foundation
import GRDB
import Testing

@Suite("Export and the round trip")
struct ExportRoundTripTests {
    enum Format: String, CaseIterable, Sendable { case csv, csvGB18030, xlsx }

    /// Leads of every shape: imported (messy), registered by hand, worked, won, merged.
    static func populate(_ f: ImportFixture) throws {
        try f.run(try f.csv("corpus.csv", ImportCorpusTests.file(header: ImportCorpusTests.chineseHeader), encoding: .gb18030))
        let admin = try f.leads()
        let a = try admin.add(LeadDraft(customer: "Contoso, Ltd. \"West\"", contact: "Ann\nLee", title: "CTO", phone: "+1 415 555 0123",
                                        email: "ann@contoso.com", industry: "IT", need: "CRM, 尽快", source: "Web", campaign: "Q4",
                                        region: "海外", city: "San Francisco", budget: "100万以上")).lead
        // As `lead add --city 杭州` registers it: the region inferred from the city (the import does the same).
        _ = try admin.add(LeadDraft(customer: "杭州分机测试", contact: "钱", phone: "(0571) 8888-6666 转 123", industry: "制造业", need: "MES",
                                    source: "展会", region: SalesRegion.region(ofCity: "杭州"), city: "杭州"))
        _ = try admin.add(LeadDraft(customer: "只有邮箱", email: "only@mail.cn"))
        _ = try admin.add(LeadDraft(customer: "控制字符\u{1B}[31m公司", phone: "13600136000"))
        let dup = try admin.add(LeadDraft(customer: "将被合并", phone: "13500135000")).lead
        try f.leads("bob").merge(dup.number.description, into: a.number.description)
        try f.leads("bob").grade(a.number.description, .a, reason: "预算明确")
        _ = try f.leads("bob").assign(a.number.description, to: "alice")
    }

    static func export(_ f: ImportFixture, _ format: Format, to path: String) throws -> Int {
        let service = ExportService(context: f.context, actor: try f.actor("admin"))
        switch format {
        case .xlsx:
            let writer = try XLSXWriter(sheetName: "leads")
            try writer.write(service.header(.leads))
            let count = try service.rows(.leads, query: LeadQuery()) { try writer.write($0) }
            try writer.finish(to: URL(fileURLWithPath: path))
            return count
        case .csv, .csvGB18030:
            _ = FileManager.default.createFile(atPath: path, contents: nil)
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
            defer { try? handle.close() }
            let writer = try CSVWriter(handle: handle, encoding: format == .csv ? .utf8 : .gb18030)
            try writer.write(service.header(.leads))
            let count = try service.rows(.leads, query: LeadQuery()) { try writer.write($0) }
            try writer.flush()
            return count
        }
    }

    @Test(arguments: Format.allCases)
    func exportThenImportIntoAnEmptyDatabaseReproducesEveryLead(format: Format) throws {
        let source = try ImportFixture()
        try Self.populate(source)
        let live = try source.allLeads().filter { $0.status != .merged }
        let path = source.directory.appendingPathComponent("all." + (format == .xlsx ? "xlsx" : "csv")).path
        #expect(try Self.export(source, format, to: path) == live.count)

        let target = try ImportFixture(team: false)
        let summary = try target.run(path)
        #expect((summary.rows, summary.inserted, summary.merged, summary.rejected) == (live.count, live.count, 0, 0))
        #expect(summary.customFields.isEmpty, "every exported column is known to the import")
        let key = { (lead: Lead) in lead.phoneKey ?? lead.emailKey ?? "" }
        let before = Dictionary(uniqueKeysWithValues: live.map { (key($0), $0.details) })
        let after = Dictionary(uniqueKeysWithValues: try target.allLeads().map { (key($0), $0.details) })
        #expect(after == before)
    }

    @Test func exportsFollowTheListFiltersAndVisibilityAndPage() throws {
        let f = try ImportFixture()
        let header = "客户名称,电话,线索来源\n"
        try f.run(try f.csv("many.csv", header + (0..<2_345).map { "公司\($0),1390000\(String(format: "%04d", $0)),\($0 % 2 == 0 ? "展会" : "官网")" }.joined(separator: "\n")), as: "mia")
        let admin = ExportService(context: f.context, actor: try f.actor("admin"))
        var numbers: [String] = []
        #expect(try admin.rows(.leads, query: LeadQuery()) { numbers.append($0[0]) } == 2_345)
        #expect(Set(numbers).count == 2_345, "pages do not overlap")
        #expect(try admin.rows(.leads, query: LeadQuery(source: "展会")) { _ in } == 1_173)
        #expect(try ExportService(context: f.context, actor: try f.actor("alice")).rows(.leads, query: LeadQuery()) { _ in } == 0)
        #expect(try ExportService(context: f.context, actor: try f.actor("mia")).rows(.leads, query: LeadQuery()) { _ in } == 2_345)
        // Follow-ups and tasks of visible leads.
        let lead = try #require(try f.lead(phone: "13900000001"))
        try f.leads().addNote(lead.number.description, body: "note")
        _ = try TaskService(context: f.context, actor: try f.actor("admin")).add(title: "回访", lead: lead.number.description, assignee: "bob", due: ImportFixture.now)
        var tasks: [[String]] = []
        #expect(try admin.rows(.tasks, query: LeadQuery()) { tasks.append($0) } == 1)
        #expect(tasks.first?[1] == lead.number.description)
        #expect(tasks.first?.count == ExportService.header(.tasks).count)
        #expect(try admin.rows(.customers, query: LeadQuery()) { _ in } == 0)
        #expect(try admin.rows(.followups, query: LeadQuery()) { _ in } == 0)
    }
}
