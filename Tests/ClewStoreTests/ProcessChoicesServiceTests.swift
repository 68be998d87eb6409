import ClewDomain
@testable import ClewAutomation
import ClewServices
@testable import ClewStore
import Foundation
import Testing

@Suite("Pick lists and tag dimensions in the services: add, edit, import, tags")
struct ProcessChoicesServiceTests {
    private struct Setup {
        let db: TemporaryDatabase
        let context: ClewContext

        init() throws {
            db = try TemporaryDatabase()
            var process = ProcessDefinition.withoutAutomation
            process.sourceList = PickList(values: ["官网注册", "线下展会", "展会"])
            process.industryList = PickList(values: ["制造业", "互联网"], freeText: false)
            process.tagDimensions = [TagDimension(name: "客户类型", values: ["高潜力", "长期合作", "投诉"])]
            context = ClewContext(database: db.database, automation: AutomationEngine(), clock: db.clock, process: process,
                                  calendar: .standard(timeZone: TemporaryDatabase.timeZone))
        }

        func leads(_ login: String) throws -> LeadService { LeadService(context: context, actor: try db.actor(login)) }
        func tags(_ login: String) throws -> TagService { TagService(context: context, actor: try db.actor(login)) }
    }

    @Test func addAndEditTakeListedValuesOnlyAndNothingIsWrittenOnARefusal() throws {
        let s = try Setup()
        let added = try s.leads("admin").add(s.db.draft(industry: "互联网", source: "官网注册")).lead
        #expect(added.details.source == "官网注册")
        let before = try s.db.count("SELECT count(*) FROM lead")
        #expect(throws: PickListError.notAllowed(field: "industry", value: "制造", suggestions: ["制造业"], allowed: ["制造业", "互联网"])) {
            try s.leads("admin").add(s.db.draft(industry: "制造"))
        }
        #expect(try s.db.count("SELECT count(*) FROM lead") == before)
        // An edit is held to the lists for what it sets; the listed spelling is kept.
        let number = added.number.description
        #expect(throws: PickListError.self) { try s.leads("admin").edit(number, changes: LeadDraft(source: "抖音")) }
        #expect(try s.leads("admin").edit(number, changes: LeadDraft(industry: "制造业")).details.industry == "制造业")
    }

    @Test func aDimensionHoldsOneValueAndAnUnknownValueIsRefused() throws {
        let s = try Setup()
        let lead = try s.db.activeLead()
        let number = lead.number.description
        let alice = try s.tags("alice")
        try alice.add(["客户类型=高潜力", "vip"], to: number)
        #expect(try s.db.stored(lead.number).tags == ["客户类型=高潜力", "vip"])
        // A second value replaces the first, and the first's record says who took it off.
        try alice.add(["客户类型=长期合作"], to: number)
        #expect(try s.db.stored(lead.number).tags == ["客户类型=长期合作", "vip"])
        #expect(try s.db.count("SELECT count(*) FROM lead_tag WHERE tag = '客户类型=高潜力' AND removed_by = 'alice'") == 1)
        #expect(throws: PickListError.notAllowed(field: "客户类型", value: "高潜", suggestions: ["高潜力"], allowed: ["高潜力", "长期合作", "投诉"])) {
            try alice.add(["客户类型=高潜"], to: number)
        }
        #expect(throws: PickListError.self) { try alice.add(["行业=制造业"], to: number) }
        #expect(try s.db.stored(lead.number).tags == ["客户类型=长期合作", "vip"])
        // The list filters by it, and the dimensions read back in the file's order.
        var query = LeadQuery()
        query.tag = "客户类型=长期合作"
        #expect(try s.leads("bob").list(query).map(\.id) == [lead.id])
        let dimensions = try alice.dimensions(of: number)
        #expect(dimensions.map(\.dimension.name) == ["客户类型"] && dimensions.map(\.value) == ["长期合作"])
    }

    @Test func anImportRowOutsideAListIsRejectedWithItsReasonAndTheRestImport() throws {
        let s = try Setup()
        let csv = s.db.directory.appendingPathComponent("leads.csv")
        try """
        客户名称,联系人,电话,行业,需求描述,线索来源
        恒通科技,王伟,13800138001,制造业,需采购SaaS,展会
        宏达物流,李娜,13800138002,物流,需采购SaaS,展会
        """.write(to: csv, atomically: true, encoding: .utf8)
        let summary = try ImportService(context: s.context, actor: s.db.actor("admin")).run(path: csv.path, options: ImportOptions())
        #expect(summary.inserted == 1)
        #expect(summary.rejected == 1)
        // The rejection names the line and the field, and the row is kept in the rejects file.
        #expect(summary.rejects.first?.line == 3)
        #expect(summary.rejects.first?.reason.contains("industry '物流' is not an allowed value") == true, "\(summary.rejects)")
        #expect(summary.rejectsFile != nil)
    }

    @Test func aColumnNamedAfterADimensionImportsAsItsTagAndABadValueRejectsTheRow() throws {
        let s = try Setup()
        let csv = s.db.directory.appendingPathComponent("typed.csv")
        try """
        客户名称,联系人,电话,行业,需求描述,线索来源,客户类型
        恒通科技,王伟,13800138011,制造业,需采购SaaS,展会,高潜力
        宏达科技,李娜,13800138012,互联网,需采购SaaS,展会,重要
        """.write(to: csv, atomically: true, encoding: .utf8)
        let summary = try ImportService(context: s.context, actor: s.db.actor("admin")).run(path: csv.path, options: ImportOptions())
        #expect(summary.inserted == 1 && summary.rejected == 1)
        #expect(summary.rejects.first?.reason.contains("客户类型 '重要' is not an allowed value") == true, "\(summary.rejects)")
        var query = LeadQuery()
        query.tag = "客户类型=高潜力"
        #expect(try s.leads("admin").list(query).count == 1)
        #expect(try s.db.count("SELECT count(*) FROM lead_extra WHERE name = '客户类型'") == 0)
    }

    @Test func aScoringRuleOnATagDimensionScoresWhenTheValueIsPutOn() throws {
        let db = try TemporaryDatabase()
        var process = ProcessDefinition.withoutAutomation
        process.tagDimensions = [TagDimension(name: "客户类型", values: ["高潜力", "长期合作", "投诉"])]
        process.scoring.dimensions.append(ScoringDimension(key: "customer-type", weight: 20, rules: [
            ScoringRule(label: "高潜力客户", field: "tag:客户类型", match: .equals(["高潜力"]), points: 20),
        ]))
        #expect(ProcessValidator.problems(in: process).isEmpty)
        let context = ClewContext(database: db.database, automation: AutomationEngine(), clock: db.clock, process: process,
                                  calendar: .standard(timeZone: TemporaryDatabase.timeZone))
        let lead = try db.activeLead()
        let before = try LeadService(context: context, actor: db.actor("alice")).edit(lead.number.description, changes: LeadDraft(need: "需采购SaaS")).score ?? 0
        try TagService(context: context, actor: db.actor("alice")).add(["客户类型=高潜力"], to: lead.number.description)
        #expect(try db.stored(lead.number).score == min(100, before + 20))
        var unknown = process
        unknown.scoring.dimensions[unknown.scoring.dimensions.count - 1].rules[0].field = "tag:客户规模"
        #expect(ProcessValidator.problems(in: unknown).contains { $0.message.contains("unknown field 'tag:客户规模'") })
    }
}
