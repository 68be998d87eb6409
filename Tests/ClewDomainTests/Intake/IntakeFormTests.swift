import ClewDomain
import Foundation
import Testing

@Suite("Intake form")
struct IntakeFormTests {
    static let web = IntakeToken(id: 3, prefix: "clw_00000000", source: "官网", campaign: nil, isPublic: true,
                                 createdBy: "admin", createdAt: Date(timeIntervalSince1970: 0))
    static let campaignToken = IntakeToken(id: 4, prefix: "clw_11111111", source: "抖音", campaign: "双十一",
                                           createdBy: "admin", createdAt: Date(timeIntervalSince1970: 0))

    @Test func fieldsAreNamedAsInTheImportHeadersInChineseOrEnglish() throws {
        let form = try IntakeForm(fields: [("公司", "杭州恒通科技有限公司"), ("Mobile", "138 0013 8000"), ("行业", "制造业"),
                                           ("需求", "ERP 升级"), ("联系人", "王伟"), ("城市", "杭州"), ("备注", "x")], token: Self.web)
        #expect(form.draft.customer == "杭州恒通科技有限公司")
        #expect(form.draft.phone == "138 0013 8000")
        #expect(form.draft.industry == "制造业")
        #expect(form.draft.need == "ERP 升级")
        #expect(form.draft.contact == "王伟")
        #expect(form.draft.region == "华东", "the region comes from the city, as in clew lead add")
        #expect(form.custom == [IntakeForm.CustomField(name: "备注", value: "x")], "kept as a custom field, as an import keeps such a column")
        #expect(form.ignored.isEmpty)
    }

    @Test func sourceAndCampaignComeFromTheToken() throws {
        let form = try IntakeForm(fields: [("customer", "A 公司"), ("email", "a@example.com"), ("source", "展会"), ("campaign", "自填")],
                                  token: Self.campaignToken)
        #expect(form.draft.source == "抖音")
        #expect(form.draft.campaign == "双十一")
        #expect(form.ignored == ["source", "campaign"])
        let open = try IntakeForm(fields: [("customer", "A 公司"), ("email", "a@example.com"), ("campaign", "春季")], token: Self.web)
        #expect(open.draft.campaign == "春季", "a token without a campaign lets the form name one")
        #expect(open.draft.source == "官网")
    }

    @Test func everyFieldProblemIsReportedInBothLanguages() {
        #expect(throws: IntakeFormError.invalid([
            .missing(.customer),
            .invalidPhone(.wrongLength("138001380", digits: 9, expected: .mobile)),
            .invalidEmail(.missingAt("wang.example.com")),
        ])) {
            try IntakeForm(fields: [("phone", "138001380"), ("email", "wang.example.com")], token: Self.web)
        }
        #expect(throws: IntakeFormError.invalid([.missing(.customer), .noContactMethod])) {
            try IntakeForm(fields: [("姓名", "王伟")], token: Self.web)
        }
        let problem = IntakeFieldProblem.invalidPhone(.wrongLength("138001380", digits: 9, expected: .mobile))
        #expect(problem.message(in: .en).contains("9 digits"))
        #expect(problem.message(in: .zh).contains("11 位"))
        #expect(IntakeFieldProblem.missing(.customer).message(in: .zh) == "请填写客户名称")
    }

    @Test func consentPrivacyVersionRedirectAndHoneypot() throws {
        let form = try IntakeForm(fields: [("customer", "A"), ("phone", "13800138000"), ("consent", "1"), ("privacy_version", "2026-03"),
                                           ("redirect", "https://www.example.com/thanks"), ("_gotcha", "")], token: Self.web)
        #expect(form.consent)
        #expect(form.privacyVersion == "2026-03")
        #expect(form.redirect == "https://www.example.com/thanks")
        #expect(!form.isSpam)
        let unconsented = try IntakeForm(fields: [("customer", "A"), ("phone", "13800138000"), ("consent", "0")], token: Self.web)
        #expect(!unconsented.consent)
        // A bot that fills the honeypot is not told its other fields are wrong.
        let spam = try IntakeForm(fields: [("phone", "12"), ("_gotcha", "http://spam.example")], token: Self.web)
        #expect(spam.isSpam)
    }

    @Test func malformedPostsAreRefusedAsSuch() {
        #expect(throws: IntakeFormError.self) {
            try IntakeForm(fields: [("customer", "A"), ("phone", "13800138000"), ("redirect", "javascript:alert(1)")], token: Self.web)
        }
        #expect(throws: IntakeFormError.self) {
            try IntakeForm(fields: [("customer", "A"), ("公司", "B"), ("phone", "13800138000")], token: Self.web)
        }
        let many = (0...IntakeForm.maximumFieldCount).map { (name: "x\($0)", value: "v") }
        #expect(throws: IntakeFormError.self) { try IntakeForm(fields: many, token: Self.web) }
        let long = String(repeating: "长", count: IntakeForm.maximumFieldLength + 1)
        #expect(throws: IntakeFormError.invalid([.tooLong("customer", limit: IntakeForm.maximumFieldLength)])) {
            try IntakeForm(fields: [("customer", long), ("phone", "13800138000")], token: Self.web)
        }
    }

    @Test func eventsNameTheLeadByNumberOrForAPrivateTokenByContact() throws {
        let known = ["inbound_contact", "viewed_product"]
        let byNumber = try IntakeEventRequest(fields: [("lead", "xl-20261123-007"), ("event", "viewed_product"), ("count", "3")],
                                              knownEvents: known, token: Self.web)
        #expect(byNumber.lead == .number(LeadNumber(day: CalendarDay(year: 2026, month: 11, day: 23), sequence: 7)))
        #expect(byNumber.count == 3)
        let byPhone = try IntakeEventRequest(fields: [("phone", "138 0013 8000"), ("event", "inbound_contact")], knownEvents: known,
                                             token: Self.campaignToken)
        #expect(byPhone.lead == .phone(try PhoneNumber(parsing: "13800138000")))
        #expect(byPhone.count == 1)
        // A public token could tell who is a lead by phone: refused.
        #expect(throws: IntakeFormError.self) {
            try IntakeEventRequest(fields: [("phone", "13800138000"), ("event", "inbound_contact")], knownEvents: known, token: Self.web)
        }
        do {
            _ = try IntakeEventRequest(fields: [("lead", "XL-20261123-007"), ("event", "viewed_produkt"), ("count", "99")], knownEvents: known, token: Self.web)
            Issue.record("accepted")
        } catch {
            guard case let .invalid(problems) = error else { Issue.record("\(error)"); return }
            #expect(problems.map(\.field) == ["event", "count"])
            #expect(problems.first?.english.contains("did you mean 'viewed_product'") == true)
        }
    }
}

@Suite("Intake answers, rate, language, hashing")
struct IntakeDecisionTests {
    static let number = LeadNumber(day: CalendarDay(year: 2026, month: 11, day: 23), sequence: 7)

    /// The no-oracle rule: a public token's answer is the same whatever happened.
    @Test func aPublicTokenGetsOneAnswerWhateverHappened() {
        let outcomes: [IntakeOutcome] = [.created(Self.number), .merged(Self.number), .referred, .discarded]
        let answers = Set(outcomes.map { IntakeAnswer.decide($0, publicToken: true, redirect: nil) })
        #expect(answers == [.received])
        let redirected = Set(outcomes.map { IntakeAnswer.decide($0, publicToken: true, redirect: "https://example.com/t") })
        #expect(redirected == [.seeOther("https://example.com/t")])
        #expect(IntakeAnswer.received.statusCode == 201)
        #expect(IntakeAnswer.seeOther("x").statusCode == 303)
    }

    @Test func aPrivateTokenIsToldTheNumberAndWhetherItMerged() {
        #expect(IntakeAnswer.decide(.created(Self.number), publicToken: false, redirect: nil) == .created(Self.number))
        #expect(IntakeAnswer.decide(.merged(Self.number), publicToken: false, redirect: nil) == .merged(Self.number))
        #expect(IntakeAnswer.decide(.referred, publicToken: false, redirect: nil) == .referred)
        #expect(IntakeAnswer.decide(.discarded, publicToken: false, redirect: nil) == .received)
        for answer in [IntakeAnswer.created(Self.number), .merged(Self.number), .referred, .received, .seeOther("https://e.example/x")] {
            let stored = answer.stored
            #expect(IntakeAnswer(status: stored.status, number: stored.number, location: stored.location) == answer)
        }
    }

    @Test func theRateLimitLetsAMinutesBurstThroughThenRefills() {
        var limiter = IntakeRateLimiter()
        let start = Date(timeIntervalSince1970: 1_000_000)
        for _ in 0..<60 { #expect(limiter.admit(token: 1, perMinute: 60, at: start) == .allowed) }
        #expect(limiter.admit(token: 1, perMinute: 60, at: start) == .refused(retryAfter: 1))
        #expect(limiter.admit(token: 2, perMinute: 60, at: start) == .allowed, "each token has its own allowance")
        #expect(limiter.admit(token: 1, perMinute: 60, at: start.addingTimeInterval(1)) == .allowed)
        #expect(limiter.admit(token: 1, perMinute: 60, at: start.addingTimeInterval(1)) == .refused(retryAfter: 1))
        var slow = IntakeRateLimiter()
        #expect(slow.admit(token: 1, perMinute: 1, at: start) == .allowed)
        #expect(slow.admit(token: 1, perMinute: 1, at: start.addingTimeInterval(15)) == .refused(retryAfter: 45))
    }

    @Test func theRateLimiterKeepsBoundedState() {
        var limiter = IntakeRateLimiter(maximumTokens: 10)
        let start = Date(timeIntervalSince1970: 1_000_000)
        for token in 0..<100 { #expect(limiter.admit(token: Int64(token), perMinute: 1, at: start) == .allowed) }
        #expect(limiter.admit(token: 99, perMinute: 1, at: start) == .refused(retryAfter: 60), "the newest buckets stay")
    }

    @Test func theAnswerLanguageFollowsAcceptLanguage() {
        #expect(IntakeLanguage.preferred("zh-CN,zh;q=0.9,en;q=0.8") == .zh)
        #expect(IntakeLanguage.preferred("en-US,en;q=0.9,zh;q=0.5") == .en)
        #expect(IntakeLanguage.preferred("fr-FR, zh;q=0.4, en;q=0.3") == .zh)
        #expect(IntakeLanguage.preferred("zh;q=0, en") == .en)
        #expect(IntakeLanguage.preferred(nil) == .en)
        #expect(IntakeLanguage.preferred("de") == .en)
    }

    @Test func sha256MatchesTheStandardVectors() {
        #expect(SHA256.hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
            == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(SHA256.hex("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu")
            == "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1")
    }

    @Test func secretsAreRandomWellFormedAndStoredAsTheirHash() {
        let one = IntakeSecret.generate(), two = IntakeSecret.generate()
        #expect(one != two)
        #expect(IntakeSecret.isWellFormed(one))
        #expect(!IntakeSecret.isWellFormed("clw_short"))
        #expect(!IntakeSecret.isWellFormed(one.uppercased()))
        #expect(IntakeSecret.hash(one).count == 64)
        #expect(IntakeSecret.hash(one) != one)
        #expect(IntakeSecret.prefix(of: one).count == 12)
    }
}
