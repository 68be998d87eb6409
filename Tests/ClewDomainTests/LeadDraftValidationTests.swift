import ClewDomain
import Foundation
import Testing

@Suite("Lead details validation")
struct LeadDraftValidationTests {
    let complete = LeadDraft(customer: " 杭州恒通科技有限公司 ", contact: "王伟", title: "采购经理", phone: "１３８ ００１３ ８０００",
                             industry: "制造业", need: "需采购企业级SaaS系统", source: "展会")

    @Test func completeDetailsGoStraightToScreening() throws {
        let checked = try complete.validate()
        #expect(checked.initialStatus == .screening)
        #expect(checked.fields.customer == "杭州恒通科技有限公司")
        #expect(checked.fields.phone == "138 0013 8000")
        #expect(checked.phone?.normalized == "+8613800138000")
    }

    @Test func missingDetailsStartAsNew() throws {
        var draft = complete
        draft.industry = "  "
        draft.source = nil
        let checked = try draft.validate()
        #expect(checked.initialStatus == .new)
        #expect(checked.missingForScreening == [.industry, .source])
    }

    @Test func customerAndAContactMethodAreRequired() {
        #expect(throws: LeadValidationError.missing([.customer])) { try LeadDraft(phone: "13800138000").validate() }
        #expect(throws: LeadValidationError.noContactMethod) { try LeadDraft(customer: "Acme").validate() }
    }

    @Test func invalidPhoneOrEmailIsAnErrorEvenWithTheOtherValid() {
        #expect(throws: LeadValidationError.self) { try LeadDraft(customer: "Acme", phone: "12345", email: "a@b.com").validate() }
        #expect(throws: LeadValidationError.self) { try LeadDraft(customer: "Acme", phone: "13800138000", email: "a@b").validate() }
    }

    @Test func messagesNameTheFieldsInBothLanguages() {
        #expect(LeadValidationError.missing([.industry, .need]).description
            == "missing required fields: industry (所属行业), need (需求描述)")
    }
}

@Suite("Money")
struct MoneyTests {
    @Test(arguments: [
        ("380000", Int64(38_000_000)), ("380,000.50", 38_000_050), ("¥380000", 38_000_000), ("38万", 38_000_000),
        ("1.2亿", 12_000_000_000), ("３８万", 38_000_000), ("0.5", 50), ("12.345", 1_234),
    ])
    func parses(text: String, fen: Int64) {
        #expect(Money(parsing: text)?.fen == fen)
    }

    @Test(arguments: ["", "abc", "-5", "1.2.3", "万", "1e5"])
    func rejects(text: String) {
        #expect(Money(parsing: text) == nil)
    }

    @Test func formats() {
        #expect(Money(yuan: 380_000).description == "¥380,000")
        #expect(Money(fen: 123_450).description == "¥1,234.50")
        #expect(Money(yuan: 380_000).compact == "¥38万")
        #expect(Money(yuan: 120_000_000).compact == "¥1.2亿")
        #expect(Money(yuan: 9_800).compact == "¥9,800")
    }
}

@Suite("Lost reasons, grades, follow-ups")
struct SmallDomainTests {
    @Test func lostReasonsParseKeysAndChinese() {
        #expect(LostReason(parsing: "选择竞品") == .choseCompetitor)
        #expect(LostReason(parsing: "competitor") == .choseCompetitor)
        #expect(LostReason(parsing: "客户破产") == .other("客户破产"))
        #expect(LostReason(parsing: "  ") == nil)
    }

    @Test func gradesParseAndSuggest() {
        #expect(Grade(parsing: "ａ") == .a)
        #expect(Grade(parsing: "D") == nil)
        #expect(Grade.suggested(forScore: 70) == .a)
        #expect(Grade.suggested(forScore: 69) == .b)
        #expect(Grade.suggested(forScore: 39) == .c)
    }

    @Test(arguments: ["已沟通", "待跟进。", "followed up", "OK", "called"])
    func vagueNotesWarn(note: String) {
        #expect(FollowUpQuality.isVague(note))
    }

    @Test(arguments: ["电话沟通了采购预算和时间表", "Sent the proposal; they asked about SSO"])
    func specificNotesPass(note: String) {
        #expect(!FollowUpQuality.isVague(note))
    }

    @Test func followUpRequiresContentAndADueNeedsAnAction() throws {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        #expect(throws: FollowUpError.missingContent) { try FollowUpDraft(at: now, method: .phone, content: " ").validate() }
        #expect(throws: FollowUpError.dueWithoutAction) {
            try FollowUpDraft(at: now, method: .phone, content: "电话沟通了预算", nextDue: now).validate()
        }
        let (_, warnings) = try FollowUpDraft(at: now, method: .phone, content: "已沟通").validate()
        #expect(warnings.count == 2)
        #expect(FollowUpMethod(parsing: "微信") == .wechat)
    }

    @Test func suggestionsFindCloseTypos() {
        #expect(Suggestion.closest(to: "alcie", in: ["alice", "bob"]) == "alice")
        #expect(Suggestion.closest(to: "zzz", in: ["alice", "bob"]) == nil)
    }

    @Test func citiesMapToSalesRegions() {
        #expect(SalesRegion.region(ofCity: "杭州") == "华东")
        #expect(SalesRegion.region(ofCity: "深圳市") == "华南")
        #expect(SalesRegion.region(ofCity: "Springfield") == nil)
    }

    @Test func wonLeadsConvertKeepingTheirDetails() throws {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let lead = Lead(id: 1, number: try #require(LeadNumber("XL-20261123-001")), status: .active, owner: "alice",
                        details: LeadDraft(customer: "杭州恒通科技有限公司", contact: "王伟", title: "采购经理", phone: "138 0013 8000",
                                           industry: "制造业", need: "SaaS", city: "杭州"),
                        phoneKey: "+8613800138000", createdBy: "root", createdAt: now, updatedBy: "root", updatedAt: now,
                        statusChangedAt: now)
        let conversion = try LeadConversion.convert(lead, amount: Money(yuan: 380_000), at: now)
        #expect(conversion.customer.name == "杭州恒通科技有限公司")
        #expect(conversion.contact?.name == "王伟")
        #expect(conversion.contact?.phoneKey == "+8613800138000")
        #expect(conversion.opportunity.amount == Money(yuan: 380_000))
        #expect(conversion.opportunity.owner == "alice")
        #expect(throws: ConversionError.nonPositiveAmount) { try LeadConversion.convert(lead, amount: .zero, at: now) }
    }
}
