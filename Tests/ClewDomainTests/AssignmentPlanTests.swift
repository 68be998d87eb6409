import ClewDomain
import Foundation
import Testing

@Suite("Bulk-assignment distribution")
struct AssignmentPlanTests {
    static let now = Date(timeIntervalSince1970: 1_795_000_000)

    static func rep(_ login: String, regions: [String] = ["华东"], industries: [String] = [], capacity: Int = 10, load: Int = 0,
                    away: Bool = false) -> AssignmentSuggestion.Candidate {
        AssignmentSuggestion.Candidate(
            profile: UserProfile(login: login, name: login, role: .rep, regions: regions, industries: industries, capacity: capacity,
                                 awayUntil: away ? now.addingTimeInterval(86_400) : nil),
            openLeads: load)
    }

    static func leads(_ count: Int, region: String? = "华东", industry: String? = nil) -> [AssignmentPlan.Lead] {
        (1...count).map { AssignmentPlan.Lead(number: "XL-20261123-\($0)", region: region, industry: industry) }
    }

    struct Case: Sendable, CustomStringConvertible {
        var description: String
        var leads: [AssignmentPlan.Lead]
        var candidates: [AssignmentSuggestion.Candidate]
        var expected: [String?]
    }

    static let cases: [Case] = [
        Case(description: "equal reps take turns", leads: leads(4), candidates: [rep("alice"), rep("carol")],
             expected: ["alice", "carol", "alice", "carol"]),
        Case(description: "the less loaded rep catches up first", leads: leads(4), candidates: [rep("alice", load: 2), rep("carol")],
             expected: ["carol", "carol", "alice", "carol"]),
        Case(description: "nobody past capacity; the rest has no one", leads: leads(3),
             candidates: [rep("alice", capacity: 1), rep("carol", capacity: 2, load: 1)], expected: ["alice", "carol", nil]),
        Case(description: "territory first: the industry match takes its leads while it has room", leads: leads(2, industry: "制造业"),
             candidates: [rep("alice", industries: ["制造业"], capacity: 1), rep("carol")], expected: ["alice", "carol"]),
        Case(description: "away reps get nothing", leads: leads(2), candidates: [rep("alice", away: true), rep("carol")],
             expected: ["carol", "carol"]),
        Case(description: "no candidates", leads: leads(1), candidates: [], expected: [nil]),
    ]

    @Test(arguments: cases)
    func distributes(_ c: Case) {
        let plan = AssignmentPlan.distribute(c.leads, among: c.candidates, now: Self.now)
        #expect(plan.map(\.login) == c.expected)
        #expect(plan.map(\.number) == c.leads.map(\.number))
    }
}
