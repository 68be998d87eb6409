import ClewDomain
import Foundation
import Testing

@Suite("Routing decisions")
struct RoutingDecisionTests {
    static let now = Date(timeIntervalSince1970: 1_795_000_000)

    static func rule(_ name: String, source: String? = nil, _ target: AssignmentTarget) -> AssignmentRule {
        AssignmentRule(name: name, conditions: source.map { [AssignmentCondition(field: .source, values: [$0])] } ?? [], target: target)
    }

    static func rep(_ login: String, load: Int = 0, capacity: Int = 10) -> AssignmentSuggestion.Candidate {
        AssignmentSuggestion.Candidate(profile: UserProfile(login: login, name: login, role: .rep, regions: ["华东"], capacity: capacity),
                                       openLeads: load)
    }

    struct Case: Sendable, CustomStringConvertible {
        var description: String
        var rules: [AssignmentRule]
        var unavailable: [String: String] = [:]
        var teams: [String: [AssignmentSuggestion.Candidate]] = [:]
        var pools: [PoolDefinition] = []
        var expected: [String]
    }

    static let cases: [Case] = [
        Case(description: "no rule matches: wait in screening", rules: [rule("trade-shows", source: "展会", .rep("alice"))], expected: []),
        Case(description: "the first matching rule decides", rules: [rule("web", source: "官网", .rep("alice")), rule("all", .rep("carol"))],
             expected: ["all: assign carol"]),
        Case(description: "an unavailable rep is skipped for the next rule", rules: [rule("a", .rep("alice")), rule("b", .rep("carol"))],
             unavailable: ["alice": "alice is away"], expected: ["a: skipped alice is away", "b: assign carol"]),
        Case(description: "a team picks its least loaded member", rules: [rule("t", .team("bob"))],
             teams: ["bob": [rep("alice", load: 5), rep("carol", load: 1)]], expected: ["t: assign carol"]),
        Case(description: "a full team leaves the lead in screening", rules: [rule("t", .team("bob")), rule("later", .rep("dave"))],
             teams: ["bob": [rep("alice", load: 3, capacity: 3)]], expected: ["t: no room bob"]),
        Case(description: "a pool with an available default assignee assigns", rules: [rule("p", .pool("华东"))],
             pools: [PoolDefinition(name: "华东", scope: .region, values: ["华东"], defaultAssignee: "alice")],
             expected: ["p: assign alice home 华东"]),
        Case(description: "a pool whose default assignee is away takes the lead", rules: [rule("p", .pool("华东"))],
             unavailable: ["alice": "away"], pools: [PoolDefinition(name: "华东", scope: .region, values: ["华东"], defaultAssignee: "alice")],
             expected: ["p: pool 华东"]),
        Case(description: "an unknown pool is skipped", rules: [rule("p", .pool("西北")), rule("b", .rep("carol"))],
             expected: ["p: skipped no pool 西北", "b: assign carol"]),
        Case(description: "every matching rule skipped", rules: [rule("a", .rep("alice"))], unavailable: ["alice": "full"],
             expected: ["a: skipped full"]),
    ]

    @Test(arguments: cases)
    func decides(_ c: Case) {
        let facts = RoutingDecision.Facts(values: { $0 == .source ? ["网络推广"] : [] }, region: "华东", industry: nil,
                                          unavailable: c.unavailable, teams: c.teams, pools: c.pools, now: Self.now)
        let steps = RoutingDecision.decide(c.rules, facts).steps.map { step -> String in
            switch step.verdict {
            case let .assign(login, _, home): "\(step.rule): assign \(login)" + (home.map { " home \($0)" } ?? "")
            case let .sendToPool(name): "\(step.rule): pool \(name)"
            case let .noRoomInTeam(supervisor): "\(step.rule): no room \(supervisor)"
            case let .skipped(reason): "\(step.rule): skipped \(reason)"
            }
        }
        #expect(steps == c.expected)
    }

    @Test func theNamedLoginsAreTheRulesRepsAndThePoolsDefaultAssignees() {
        let pools = [PoolDefinition(name: "华东", scope: .region, values: ["华东"], defaultAssignee: "dave")]
        #expect(RoutingDecision.namedLogins([Self.rule("a", .rep("alice")), Self.rule("t", .team("bob")), Self.rule("p", .pool("华东"))],
                                            pools: pools) == ["alice", "dave"])
    }
}
