import ClewDomain
import ClewServices
import ClewStore
@testable import ClewViewModel
import Foundation
import Testing

@Suite("View models: company fields in the forms and the detail, :filter by dimension and company type")
struct CompanyFieldsModelTests {
    @Test func filterTakesATagDimensionByNameAndTheCompanyKeys() throws {
        #expect(try Command.parse("filter 客户类型=高潜力", dimensions: ["客户类型"]) == .filter(["tag": "客户类型=高潜力"]))
        #expect(try Command.parse("filter company-type=国企 employees-min=500") == .filter(["company-type": "国企", "employees-min": "500"]))
        let error = try #require(throws: CommandError.self) { try Command.parse("filter 客户类形=高潜力", dimensions: ["客户类型"]) }
        #expect(error.description.contains("did you mean '客户类型'"), "\(error)")
        #expect(throws: CommandError.self) { try Command.parse("filter 客户类型=高潜力") }
    }

    @Test func theBoardFiltersByDimensionAndCompanyTypeAndSaysSo() throws {
        let fixture = try Fixture()
        let tagged = try fixture.lead("A公司", phone: "13800138001")
        let other = try fixture.lead("B公司", phone: "13800138002")
        try TagService(context: fixture.context, actor: try fixture.actor("root")).add(["客户类型=高潜力"], to: tagged)
        _ = try LeadService(context: fixture.context, actor: try fixture.actor("root")).edit(other, changes: LeadDraft(employees: "900", companyType: "外企"))
        let app = try fixture.app("bob")
        app.perform("command")
        "filter 客户类型=高潜力".forEach { app.type(.character($0)) }
        app.perform("accept")
        #expect(app.status?.kind != .error, "\(app.status?.text ?? "")")
        #expect(app.board.columns.map(\.count).reduce(0, +) == 1)
        #expect(app.status?.text.hasSuffix("客户类型=高潜力") == true, "\(app.status?.text ?? "")")
        try app.execute(.clearFilter)
        try app.execute(.filter(["company-type": "foreign", "employees-min": "500"]))
        #expect(app.board.columns.map(\.count).reduce(0, +) == 1)
        #expect(app.status?.text.contains("company-type=Foreign") == true, "\(app.status?.text ?? "")")
        #expect(throws: CompanyFieldError.self) { try app.execute(.filter(["company-type": "公办"])) }
    }

    @Test func theLeadFormsHaveTheCompanyFieldsWithTheTypeAsAChoice() throws {
        let fixture = try Fixture()
        let factory = FormFactory(t: Localizer(.zh), dimensions: fixture.context.process.tagDimensions)
        let new = factory.make(.newLead)
        #expect(Array(new.fields.map(\.key).suffix(5)) == ["employees", "revenue", "company-type", "founded", "decision-chain"])
        let type = try #require(new.fields.first { $0.key == "company-type" })
        #expect(type.choices == ["", "国企", "民企", "外企", "合资", "事业单位", "其他"])
        #expect(type.choiceLabel("") == "无")
        let english = FormFactory(t: Localizer(.en)).make(.newLead).fields.first { $0.key == "company-type" }
        #expect(english?.choiceLabel("合资") == "Joint venture")

        let number = try fixture.lead("A公司", phone: "13800138003")
        let lead = try LeadService(context: fixture.context, actor: try fixture.actor("root")).edit(number, changes: LeadDraft(companyType: "JV"))
        let edit = factory.make(.editLead(number: number, version: lead.version), lead: lead)
        #expect(edit.fields.first { $0.key == "company-type" }?.value == "合资")
        // The tag form offers each dimension's values, with the lead's current one chosen.
        try TagService(context: fixture.context, actor: try fixture.actor("root")).add(["客户类型=投诉", "vip"], to: number)
        let tagged = try LeadService(context: fixture.context, actor: try fixture.actor("root")).lead(number)
        let tags = factory.make(.tags(number: number), lead: tagged)
        let dimension = try #require(tags.fields.first { $0.key == FormFactory.dimensionKey("客户类型") })
        #expect(dimension.choices == ["", "高潜力", "长期合作", "投诉"] && dimension.value == "投诉")
        #expect(tags.fields.first { $0.key == "remove" }?.placeholder == "vip")
    }

    @Test func theDetailModelSplitsDimensionValuesFromTags() throws {
        let fixture = try Fixture()
        let number = try fixture.lead("A公司", phone: "13800138004")
        try TagService(context: fixture.context, actor: try fixture.actor("root")).add(["客户类型=长期合作", "vip"], to: number)
        let detail = LeadDetailModel(services: try fixture.services("root"), number: number)
        try detail.reload()
        #expect(detail.dimensionValues.map { "\($0.name)=\($0.value)" } == ["客户类型=长期合作"])
        #expect(detail.plainTags == ["vip"])
    }
}
