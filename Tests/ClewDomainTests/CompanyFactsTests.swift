import ClewDomain
import Foundation
import Testing

@Suite("Company fields: headcount, revenue, company type, founded, decision chain (seed 004)")
struct CompanyFactsTests {
    @Test(arguments: [("500", 500), ("500人", 500), ("1,200", 1200), ("１２００名", 1200), ("1.2万人", 12000), ("约300人", 300)])
    func headcountsAreReadAsOneWholeNumber(text: String, count: Int) throws {
        #expect(try CompanyFacts.employees(text) == count)
    }

    @Test(arguments: ["100-499人", "大型", "0", "-5", "1.5", "2000万人", ""])
    func whatIsNotOneHeadcountIsRefused(text: String) {
        #expect(throws: CompanyFieldError.self) { try CompanyFacts.employees(text) }
    }

    @Test func revenueIsMoneyWithinItsOwnLimit() throws {
        #expect(try CompanyFacts.revenue("3000万") == Money(yuan: 30_000_000))
        #expect(try CompanyFacts.revenue("1.2亿") == Money(yuan: 120_000_000))
        #expect(try CompanyFacts.revenue("年营收约 ¥80,000,000") == Money(yuan: 80_000_000))
        #expect(try CompanyFacts.revenue("3.5万亿") == Money(yuan: 3_500_000_000_000), "the largest customers exceed a deal's 100亿 limit")
        #expect(throws: CompanyFieldError.revenueAboveLimit("200万亿")) { try CompanyFacts.revenue("200万亿") }
        #expect(throws: CompanyFieldError.revenue("很多")) { try CompanyFacts.revenue("很多") }
    }

    @Test(arguments: [("国企", CompanyType.stateOwned), ("央企", .stateOwned), ("SOE", .stateOwned), ("State-owned", .stateOwned),
                      ("民营企业", .privateOwned), ("private", .privateOwned), ("外资", .foreign), ("Foreign-owned", .foreign),
                      ("中外合资", .jointVenture), ("JV", .jointVenture), ("Joint venture", .jointVenture),
                      ("事业单位", .institution), ("public institution", .institution), ("其它", .other), ("Other", .other)])
    func companyTypesParseInBothLanguages(text: String, type: CompanyType) {
        #expect(CompanyType(parsing: text) == type)
        #expect(CompanyType(parsing: type.chineseName) == type && CompanyType(parsing: type.englishName) == type)
    }

    @Test func anUnknownCompanyTypeSaysWhatItMightMean() throws {
        let error = try #require(throws: CompanyFieldError.self) { try CompanyFacts.companyType("合资公司") }
        #expect(error.field == .companyType)
        #expect(error.english.contains("did you mean '合资'"), "\(error.english)")
        #expect(error.chinese.contains("您是不是要输入「合资」") && error.chinese.contains("国企、民企、外企、合资、事业单位、其他"), "\(error.chinese)")
    }

    @Test func foundingYearsAreYearsOrDatesUpToThisYear() throws {
        #expect(try CompanyFacts.founded("2008") == 2008)
        #expect(try CompanyFacts.founded("2008年") == 2008)
        #expect(try CompanyFacts.founded("2008-05-12") == 2008)
        #expect(try CompanyFacts.founded("2008/5/12") == 2008)
        #expect(try CompanyFacts.founded("2008年5月12日") == 2008)
        #expect(throws: CompanyFieldError.founded("2027", latest: 2026)) { try CompanyFacts.founded("2027", latest: 2026) }
        #expect(throws: CompanyFieldError.self) { try CompanyFacts.founded("1799") }
        #expect(throws: CompanyFieldError.self) { try CompanyFacts.founded("08") }
        #expect(throws: CompanyFieldError.self) { try CompanyFacts.founded("2008abc") }
    }

    @Test func aDecisionChainIsKeptWithOneArrow() {
        #expect(CompanyFacts.decisionChain("采购经理 -> 技术总监 > 总经理") == "采购经理→技术总监→总经理")
        #expect(CompanyFacts.decisionChain("采购经理→技术总监→总经理") == "采购经理→技术总监→总经理")
        #expect(CompanyFacts.decisionChain("总经理") == "总经理")
        #expect(CompanyFacts.decisionChain(" -> ") == nil)
    }

    @Test func validationKeepsOneSpellingAndNamesTheFieldOfARefusal() throws {
        var draft = LeadDraft(customer: "恒通", phone: "13800138000", employees: "1.2万人", revenue: "1.2亿", companyType: "SOE",
                              founded: "1998-03-01", decisionChain: "采购经理->总经理")
        let checked = try draft.validate(latestFounded: 2026).fields
        #expect((checked.employees, checked.revenue, checked.companyType, checked.founded, checked.decisionChain)
            == ("12000", "¥120,000,000", "国企", "1998", "采购经理→总经理"))
        #expect(checked.employeeCount == 12000 && checked.annualRevenue == Money(yuan: 120_000_000)
            && checked.companyKind == .stateOwned && checked.foundedYear == 1998)
        // Validating the kept spelling again changes nothing.
        #expect(try checked.validate(latestFounded: 2026).fields == checked)
        draft.founded = "2030"
        #expect(throws: LeadValidationError.invalidCompanyField(.founded("2030", latest: 2026))) { try draft.validate(latestFounded: 2026) }
    }

    @Test func scoringComparesHeadcountsAndCompanyTypes() {
        let model = ScoringModel(dimensions: [
            ScoringDimension(key: "size", weight: 20, rules: [
                ScoringRule(label: "soe", field: "company-type", match: .equals(["SOE"]), points: 20),
                ScoringRule(label: "big", field: "employees", match: .number(min: 500, max: nil), points: 10),
            ]),
            ScoringDimension(key: "revenue", weight: 10, rules: [
                ScoringRule(label: "1亿+", field: "revenue", match: .yuan(min: 100_000_000, max: nil), points: 10),
            ]),
            ScoringDimension(key: "age", weight: 5, rules: [
                ScoringRule(label: "before 2016", field: "founded", match: .number(min: nil, max: 2016), points: 5),
            ]),
        ])
        #expect(model.score(LeadDraft(companyType: "国企")).total == 20, "SOE in the file matches 国企")
        #expect(model.score(LeadDraft(employees: "500", companyType: "民企")).total == 10)
        #expect(model.score(LeadDraft(employees: "499")).total == 0)
        #expect(model.score(LeadDraft(revenue: "¥3,500,000,000,000")).total == 10, "a revenue above a budget's bounds still compares")
        #expect(model.score(LeadDraft(founded: "2015")).total == 5 && model.score(LeadDraft(founded: "2016")).total == 0)
    }

    @Test func theStandardModelScoresTheCompanyFieldsAndTheValidatorChecksThem() {
        let standard = ProcessDefinition.standard.scoring
        #expect(standard.score(LeadDraft(employees: "800")).parts.map(\.rule) == ["500+ employees"])
        #expect(standard.score(LeadDraft(budget: "50万", companyType: "国企")).parts.map(\.rule) == ["budget ≥ 50万"], "a stated budget comes first")
        #expect(standard.score(LeadDraft(decisionChain: "采购经理→总经理")).total == 15)
        var process = ProcessDefinition.standard
        process.scoring.dimensions[0].rules.append(ScoringRule(label: "x", field: "company-type", match: .equals(["公办"]), points: 5))
        process.scoring.dimensions[0].rules.append(ScoringRule(label: "y", field: "employees", match: .number(min: 500, max: 100), points: 5))
        let messages = ProcessValidator.problems(in: process).map(\.message)
        #expect(messages.contains { $0.contains("'公办' is not a company type") }, "\(messages)")
        #expect(messages.contains { $0.contains("max (100) must be above min (500)") }, "\(messages)")
    }

    @Test func criteriaSelectByCompanyTypeAndHeadcount() {
        func lead(_ details: LeadDraft) -> Lead {
            Lead(id: 1, number: LeadNumber("XL-20261123-001")!, status: .screening, details: details, createdBy: "a", createdAt: .distantPast,
                 updatedBy: "a", updatedAt: .distantPast, statusChangedAt: .distantPast)
        }
        var criteria = LeadCriteria()
        criteria.companyType = .stateOwned
        criteria.employeesMin = 500
        #expect(criteria.matches(lead(LeadDraft(customer: "a", employees: "500", companyType: "国企"))))
        #expect(!criteria.matches(lead(LeadDraft(customer: "a", employees: "499", companyType: "国企"))))
        #expect(!criteria.matches(lead(LeadDraft(customer: "a", companyType: "国企"))), "no headcount is not ≥ 500")
        #expect(!criteria.matches(lead(LeadDraft(customer: "a", employees: "900", companyType: "外企"))))
    }
}
