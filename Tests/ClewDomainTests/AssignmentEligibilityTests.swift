import ClewDomain
import Foundation
import Testing

/// Who can be given another lead now (``AssignmentEligibility``): reps and supervisors, not away,
/// under their capacity.
@Suite("Assignment eligibility")
struct AssignmentEligibilityTests {
    static let now = Date(timeIntervalSince1970: 1_795_000_000)

    struct Case: Sendable, CustomStringConvertible {
        var description: String
        var user: UserProfile
        var openLeads: Int
        var expected: LeadError?
    }

    static let cases: [Case] = [
        Case(description: "a rep under capacity", user: UserProfile(login: "alice", name: "A", role: .rep, capacity: 3), openLeads: 2, expected: nil),
        Case(description: "a rep at capacity", user: UserProfile(login: "alice", name: "A", role: .rep, capacity: 3), openLeads: 3,
             expected: .atCapacity(rep: "alice", load: 3, capacity: 3)),
        Case(description: "a supervisor owns leads too", user: UserProfile(login: "bob", name: "B", role: .supervisor), openLeads: 0, expected: nil),
        Case(description: "finance owns none", user: UserProfile(login: "fred", name: "F", role: .finance), openLeads: 0,
             expected: .cannotOwnLeads(login: "fred", role: .finance)),
        Case(description: "away until tomorrow", user: UserProfile(login: "tom", name: "T", role: .rep, awayUntil: now.addingTimeInterval(86_400)),
             openLeads: 0, expected: .away(rep: "tom", until: now.addingTimeInterval(86_400))),
        Case(description: "back since yesterday", user: UserProfile(login: "tom", name: "T", role: .rep, awayUntil: now.addingTimeInterval(-86_400)),
             openLeads: 0, expected: nil),
        Case(description: "the role is said before the capacity", user: UserProfile(login: "ada", name: "A", role: .admin, capacity: 0), openLeads: 5,
             expected: .cannotOwnLeads(login: "ada", role: .admin)),
    ]

    @Test(arguments: cases)
    func theRuleSaysWhoCanTakeALead(_ c: Case) {
        #expect(AssignmentEligibility.refusal(for: c.user, openLeads: c.openLeads, at: Self.now) == c.expected)
    }
}
