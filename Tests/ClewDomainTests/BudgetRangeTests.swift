import ClewDomain
import Testing

/// Budgets parsed into yuan ranges (issue 11 §2), and scoring rules that compare the numbers.
@Suite("Budget ranges")
struct BudgetRangeTests {
    @Test(arguments: [
        ("10-30万", Int64(100_000), Int64?.some(300_000)),
        ("30万-50万", 300_000, 500_000),
        ("50万以上", 500_000, nil),
        ("100万+", 1_000_000, nil),
        ("¥300,000", 300_000, 300_000),
        ("2亿", 200_000_000, 200_000_000),
        ("30-50万", 300_000, 500_000),
        ("20万～30万", 200_000, 300_000),
        ("１０－３０万", 100_000, 300_000),
        ("20万以内", 0, 200_000),
        ("1.5万", 15_000, 15_000),
        ("50k", 50_000, 50_000),
        ("约 80 万", 800_000, 800_000),
    ])
    func readsWhatPeopleType(text: String, min: Int64, max: Int64?) throws {
        let range = try #require(BudgetRange(parsing: text), "\(text)")
        #expect(range.minYuan == min, "\(text)")
        #expect(range.maxYuan == max, "\(text)")
    }

    @Test(arguments: ["待确认", "待定", "TBD", "", "很多", "50-10万", "30万-", "9999999亿", "abc万"])
    func undeterminedOrUnreadableBudgetsHaveNoRange(text: String) {
        #expect(BudgetRange(parsing: text) == nil, "\(text)")
    }

    @Test func undeterminedWordsAreRecognised() {
        #expect(BudgetRange.isUndetermined("待确认"))
        #expect(BudgetRange.isUndetermined("待定"))
        #expect(!BudgetRange.isUndetermined("30万"))
    }

    /// The seed's 40/30/20/10 budget points, by the lower end of the range.
    @Test(arguments: [
        ("10-30万", "budget 10–30万", 20),
        ("30万-50万", "budget 30–50万", 30),
        ("50万以上", "budget ≥ 50万", 40),
        ("100万+", "budget ≥ 50万", 40),
        ("¥300,000", "budget 30–50万", 30),
        ("2亿", "budget ≥ 50万", 40),
        ("待确认", nil, 0),
        ("5万", "budget stated", 10),
    ] as [(String, String?, Int)])
    func theStandardScoringPlacesBudgetsByNumber(budget: String, rule: String?, points: Int) {
        let score = ScoringModel.standard.score(LeadDraft(customer: "恒通", budget: budget))
        let part = score.parts.first { $0.rule.hasPrefix("budget") }
        #expect(part?.rule == rule, "\(budget)")
        #expect((part?.points ?? 0) == points, "\(budget)")
    }

    @Test func aDepartmentManagerIsADecisionMaker() {
        let score = ScoringModel.standard.score(LeadDraft(customer: "恒通", title: "部门经理"))
        #expect(score.parts == [LeadScore.Part(rule: "decision maker", points: 30)])
        let buyer = ScoringModel.standard.score(LeadDraft(customer: "恒通", title: "采购经理"))
        #expect(buyer.parts == [LeadScore.Part(rule: "influencer", points: 15)])
    }

    @Test func aYuanRuleComparesTheLowerBound() {
        let band = FieldMatch.yuan(min: 300_000, max: 500_000)
        #expect(band.matches("30万"))
        #expect(band.matches("40-60万"))
        #expect(!band.matches("10-30万"), "text matching took 10-30万 for the 30万 rule")
        #expect(!band.matches("50万以上"))
        #expect(!band.matches("待确认"))
    }
}
