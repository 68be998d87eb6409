import ClewServices
@testable import ClewStore
import Testing

@Suite("Search query rewriting")
struct SearchQueryTests {
    @Test(arguments: [
        ("华东", "\"华东\""),
        ("恒通科技", "\"恒通 通科 科技\""),
        ("saas", "\"saas\" *"),
        ("杭", "\"杭\" *"),
        ("SaaS系统", "\"SaaS 系统\""),
        ("系统abc", "\"系统 统 abc\" *"),
        ("华东 saas", "\"华东\" AND \"saas\" *"),
        ("\"quoted\"", "\"quoted\" *"),
    ])
    func rewrites(input: String, expected: String) {
        #expect(SearchQuery(input)?.matchExpression == expected)
    }

    @Test func emptyQueryIsNil() {
        #expect(SearchQuery("   ") == nil)
        #expect(SearchQuery("--") == nil)
    }

    @Test func indexFormSplitsCJKRunsIntoBigrams() {
        #expect(SearchText.indexForm(of: "华东区制造业") == "华东 东区 区制 制造 造业 业 ")
        #expect(SearchText.indexForm(of: "SaaS系统") == "SaaS 系统 统 ")
    }
}
