import ClewDomain
import ClewServices
@testable import ClewStore
import Foundation
import Testing

@Suite("Sales targets")
struct TargetServiceTests {
    @Test func supervisorsSetTheirTeamsTargetsAndTheReportProratesThem() throws {
        let pipeline = try ReportServiceTests.Pipeline()
        let db = pipeline.db
        let bob = TargetService(context: db.context, actor: try db.actor("bob"))
        let november = try #require(TargetPeriod("2026-11"))
        try bob.set(SalesTarget(subject: .rep("alice"), period: november, wonAmount: Money(yuan: 300_000), wonCount: 3, setBy: "bob"))
        try bob.set(SalesTarget(subject: .team("bob"), period: try #require(TargetPeriod("2026-Q4")), wonAmount: Money(yuan: 920_000), setBy: "bob"))
        // Setting one figure keeps the others.
        let updated = try bob.set(SalesTarget(subject: .rep("alice"), period: november, newLeads: 40, setBy: "bob"))
        #expect(updated.wonAmount == Money(yuan: 300_000) && updated.newLeads == 40 && updated.version == 2)
        #expect(try db.auditRows(entity: "sales_target").map(\.change)
                == ["create won_amount_fen: ∅ → 30000000", "create won_count: ∅ → 3", "create won_amount_fen: ∅ → 92000000", "edit new_leads: ∅ → 40"])

        // Another team's supervisor, or a rep, may not.
        #expect(throws: TargetError.notAllowed(subject: .rep("alice"), login: "erin", role: .supervisor)) {
            try TargetService(context: db.context, actor: try db.actor("erin")).set(SalesTarget(subject: .rep("alice"), period: november, wonCount: 1, setBy: "erin"))
        }
        #expect(throws: TargetError.nothingToSet) { try bob.set(SalesTarget(subject: .rep("alice"), period: november, setBy: "bob")) }

        // The report's 14 days hold 8 of November's 30 days and 14 of the quarter's 92.
        let report = try pipeline.reports("bob").reps(try pipeline.request()).body
        let alice = try #require(report.lines.first { $0.login == "alice" })
        #expect(alice.target == Money(yuan: 80_000) && alice.attainment == 1.25)
        #expect(alice.wonCountTarget == 0.8)
        let team = try #require(report.teams.first)
        #expect(team.supervisor == "bob" && team.name == "Bob Zhou" && team.reps == 2 && team.won == 1)
        #expect(team.target == Money(yuan: 140_000))
        #expect(try TargetService(context: db.context, actor: try db.actor("alice")).list().count == 1)   // a rep sees their own
        #expect(try TargetService(context: db.context, actor: try db.actor("erin")).list().isEmpty)
    }

    @Test(arguments: [("2026-11", "2026-11-01", "2026-11-30"), ("2026-Q4", "2026-10-01", "2026-12-31"), ("2027-02", "2027-02-01", "2027-02-28"),
                      ("2028-q1", "2028-01-01", "2028-03-31")])
    func targetPeriods(text: String, first: String, last: String) throws {
        let period = try #require(TargetPeriod(text))
        #expect(period.days.first.description == first && period.days.last.description == last)
        #expect(TargetPeriod(period.description) == period)
    }

    @Test func badTargetPeriodsAndSubjects() {
        for text in ["2026-13", "2026-Q5", "26-11", "2026-1", "november"] { #expect(TargetPeriod(text) == nil, "\(text)") }
        #expect(TargetSubject("team:bob") == .team("bob") && TargetSubject("alice") == .rep("alice") && TargetSubject("team:") == nil)
    }
}
