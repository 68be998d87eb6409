import ClewDomain
import Testing

@Suite("Pick lists and tag dimensions (seeds 000, 001: 下拉菜单、客户标签体系)")
struct ProcessChoicesTests {
    private let sources = PickList(values: ["官网注册", "线下展会", "合作伙伴推荐", "Webinar"])

    @Test func aListedValueIsKeptInTheListedSpellingAndOtherTextIsRefusedWithSuggestions() throws {
        #expect(try sources.accept(" webinar ", field: "source") == "Webinar")
        #expect(try sources.accept("官网注册", field: "source") == "官网注册")
        #expect(try sources.accept("  ", field: "source") == nil)
        // A Chinese fragment suggests the values it is part of; a typo the closest value.
        #expect(throws: PickListError.notAllowed(field: "source", value: "展会", suggestions: ["线下展会"], allowed: sources.values)) {
            try sources.accept("展会", field: "source")
        }
        #expect(PickList.suggestions(for: "官网", in: sources.values) == ["官网注册"])
        #expect(PickList.suggestions(for: "webnar", in: sources.values) == ["Webinar"])
        #expect(PickList.suggestions(for: "抖音", in: sources.values).isEmpty)
        let error = PickListError.notAllowed(field: "source", value: "展会", suggestions: ["线下展会"], allowed: ["线下展会"])
        #expect(error.english.contains("did you mean '线下展会'") && error.chinese.contains("您是不是要输入「线下展会」"))
    }

    @Test func freeTextKeepsWhatWasTypedAndAnEmptyListTakesAnything() throws {
        var open = sources
        open.freeText = true
        #expect(try open.accept("抖音直播", field: "source") == "抖音直播")
        #expect(try open.accept("线下展会", field: "source") == "线下展会")
        #expect(try PickList(values: []).accept("x", field: "industry") == "x")
    }

    @Test func theProcessChecksSourceAndIndustryOfADraft() throws {
        var process = ProcessDefinition.withoutAutomation
        process.sourceList = sources
        process.industryList = PickList(values: ["制造业", "互联网"])
        let checked = try process.checkingPickLists(LeadDraft(customer: "x", industry: "互联网", source: "webinar"))
        #expect(checked.source == "Webinar" && checked.industry == "互联网")
        #expect(throws: PickListError.self) { try process.checkingPickLists(LeadDraft(industry: "制造")) }
        #expect(try process.checkingPickLists(LeadDraft(customer: "x")) == LeadDraft(customer: "x"))
    }

    @Test func aDimensionValueMustBeDefinedAndComesBackListed() throws {
        let dimensions = [TagDimension(name: "客户类型", values: ["高潜力", "长期合作", "投诉"])]
        #expect(try TagDimension.checked("客户类型=高潜力", in: dimensions) == "客户类型=高潜力")
        #expect(try TagDimension.checked(" 客户类型 = 投诉 ", in: dimensions) == "客户类型=投诉")
        #expect(try TagDimension.checked("vip", in: dimensions) == "vip")
        #expect(throws: PickListError.notAllowed(field: "客户类型", value: "高潜", suggestions: ["高潜力"], allowed: ["高潜力", "长期合作", "投诉"])) {
            try TagDimension.checked("客户类型=高潜", in: dimensions)
        }
        #expect(throws: PickListError.unknownDimension("客户", suggestions: ["客户类型"], defined: ["客户类型"])) {
            try TagDimension.checked("客户=高潜力", in: dimensions)
        }
        #expect(TagDimension.value(of: "客户类型", in: ["vip", "客户类型=长期合作"]) == "长期合作")
        #expect(TagDimension.value(of: "客户类型", in: ["vip"]) == nil)
    }

    @Test func theValidatorRefusesBadDimensionsAndLists() {
        var process = ProcessDefinition.standard
        #expect(ProcessValidator.problems(in: process).isEmpty)
        process.tagDimensions = [TagDimension(name: "客户类型", values: ["高潜力", "高潜力"]), TagDimension(name: "a=b", values: []),
                                 TagDimension(name: "客户类型", values: ["x"])]
        process.sourceList = PickList(values: [], freeText: false)
        let messages = ProcessValidator.problems(in: process).map(\.message)
        #expect(messages.contains { $0.contains("duplicate value '高潜力'") })
        #expect(messages.contains { $0.contains("'a=b' must be") })
        #expect(messages.contains { $0.contains("needs at least one value") })
        #expect(messages.contains { $0.contains("duplicate tag dimension") })
        #expect(messages.contains { $0.contains("[fields.source] lists no values") })
    }
}
