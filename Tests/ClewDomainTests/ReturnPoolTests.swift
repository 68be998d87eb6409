import ClewDomain
import Foundation
import Testing

/// Which pool a returned or recycled lead goes back to (``PoolDefinition/returnPool(home:region:industry:among:)``).
@Suite("Return pool")
struct ReturnPoolTests {
    static let pools = [
        PoolDefinition(name: "华东", scope: .region, values: ["华东", "上海"]),
        PoolDefinition(name: "制造业", scope: .industry, values: ["制造"]),
    ]

    struct Case: Sendable, CustomStringConvertible {
        var description: String
        var home: String?
        var region: String?
        var industry: String?
        var expected: String
    }

    static let cases: [Case] = [
        Case(description: "the pool it came from, whatever its region", home: "制造业", region: "华东", industry: nil, expected: "制造业"),
        Case(description: "the first pool gathering its region", home: nil, region: "上海", industry: "制造", expected: "华东"),
        Case(description: "a pool gathering its industry", home: nil, region: "华北", industry: "制造", expected: "制造业"),
        Case(description: "no pool gathers it: one named for its region", home: nil, region: "华北", industry: "教育", expected: "华北"),
        Case(description: "no region: one named for its industry", home: nil, region: nil, industry: "教育", expected: "教育"),
        Case(description: "nothing known: general", home: nil, region: nil, industry: nil, expected: PoolDefinition.general),
    ]

    @Test(arguments: cases)
    func theLeadGoesBackWhereTheRulesSay(_ c: Case) {
        #expect(PoolDefinition.returnPool(home: c.home, region: c.region, industry: c.industry, among: Self.pools) == c.expected)
    }
}
