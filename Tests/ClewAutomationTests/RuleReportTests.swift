import ClewDomain
import ClewServices
@testable import ClewStore
import Foundation
import GRDB
import Testing

/// The rule review (issue 4 §9): firings per rule since a date, and what became of the leads
/// each rule touched.
@Suite("Rule report")
struct RuleReportTests {
    static func report(_ fixture: AutomationFixture, as login: String = "admin") throws -> RuleReportService {
        RuleReportService(context: fixture.context, actor: try fixture.actor(login))
    }

    static func line(_ lines: [RuleReportLine], _ rule: String) throws -> RuleReportLine {
        try #require(lines.first { $0.rule == rule }, "no line for \(rule)")
    }

    /// Two website leads routed to the east pool: alice's is won for ¥380,000 after a proposal,
    /// carl's is lost; a trade-show lead is assigned by hand.
    static func history(_ fixture: AutomationFixture) throws -> (won: Lead, lost: Lead, manual: Lead) {
        let won = try fixture.add(fixture.draft(source: "官网"))
        let lost = try fixture.add(fixture.draft(source: "官网"))
        try fixture.leads("alice").claim(won.number.description)
        try fixture.leads("carl").claim(lost.number.description)
        fixture.clock.set(AutomationFixture.at(2026, 11, 23, 11))
        _ = try fixture.leads("alice").logFollowUp(won.number.description, fixture.followUp())
        fixture.clock.set(AutomationFixture.at(2026, 11, 23, 14))
        guard case .moved = try fixture.leads("alice").move(won.number.description, to: "proposal") else {
            throw FixtureError.unexpected("the move needed approval")
        }
        fixture.clock.set(AutomationFixture.at(2026, 11, 24, 10))
        try fixture.leads("bob").toContract(won.number.description)
        try fixture.leads("alice").win(won.number.description, amount: Money(yuan: 380_000))
        try fixture.leads("carl").lose(lost.number.description, reason: .choseCompetitor)
        let manual = try fixture.assigned(grade: .a)
        return (won, lost, manual)
    }

    @Test func linesCountFiringsPerRuleAndWhatBecameOfTheLeads() throws {
        let fixture = try AutomationFixture()
        _ = try Self.history(fixture)
        let service = try Self.report(fixture)
        let lines = try service.lines(since: service.startOfMonth)

        #expect(lines.map { "\($0.rule) \($0.firings)" } == [
            "assign:web-east 2", "cadence:C 2", "pool.claim:east 2",
            "cadence:A 1", "trigger:contract-signed 1", "trigger:lost-review 1", "trigger:proposal-entered 1",
        ])

        let routed = try Self.line(lines, "assign:web-east")
        #expect(routed.kind == "assignment")
        #expect(routed.leads == 2)
        #expect(routed.skipped == 0)
        #expect(routed.followedUpAfter == 1)
        #expect(routed.won == 1)
        #expect(routed.lost == 1)
        #expect(routed.open == 0)
        #expect(routed.wonAmount == 380_000)
        #expect(routed.lastFiredAt == AutomationFixture.at(2026, 11, 23, 10))

        let claims = try Self.line(lines, "pool.claim:east")
        #expect(claims.kind == "pool")
        #expect((claims.won, claims.lost, claims.wonAmount) == (1, 1, 380_000))

        let signed = try Self.line(lines, "trigger:contract-signed")
        #expect(signed.kind == "trigger")
        #expect((signed.firings, signed.leads, signed.won, signed.open, signed.wonAmount) == (1, 1, 1, 0, 380_000))
        #expect(signed.lastFiredAt == AutomationFixture.at(2026, 11, 24, 10))

        let manual = try Self.line(lines, "cadence:A")
        #expect(manual.kind == "cadence")
        #expect((manual.won, manual.lost, manual.open, manual.wonAmount) == (0, 0, 1, 0))
    }

    @Test func timerFiringsAndSkippedRulesAreCounted() throws {
        let fixture = try AutomationFixture()
        var process = ProcessDefinition.standard
        process.assignment = [
            AssignmentRule(name: "shows-to-alice", conditions: [AssignmentCondition(field: .source, values: ["展会"])], target: .rep("alice")),
            AssignmentRule(name: "rest-to-carl", conditions: [], target: .rep("carl")),
        ]
        let context = try fixture.context(process)
        try fixture.add(in: context)
        try UserDirectory(context: context).setAway("alice", until: AutomationFixture.at(2026, 12, 1, 9), by: try fixture.actor("admin"))
        try fixture.add(in: context)
        try fixture.add(in: context)
        try fixture.tick(AutomationFixture.at(2026, 11, 23, 12))

        let service = try Self.report(fixture)
        let lines = try service.lines(since: service.startOfMonth)
        let alice = try Self.line(lines, "assign:shows-to-alice")
        #expect((alice.firings, alice.leads, alice.skipped) == (3, 3, 2))
        let carl = try Self.line(lines, "assign:rest-to-carl")
        #expect((carl.firings, carl.skipped) == (2, 0))
        let escalations = try Self.line(lines, "sla.confirm-escalation")
        #expect(escalations.kind == "timer")
        #expect((escalations.firings, escalations.leads, escalations.open) == (3, 3, 3))
    }

    @Test func sinceLeavesOutEarlierFirings() throws {
        let fixture = try AutomationFixture()
        _ = try Self.history(fixture)
        let service = try Self.report(fixture)
        let lines = try service.lines(since: AutomationFixture.at(2026, 11, 24, 0))
        #expect(lines.map(\.rule) == ["cadence:A", "trigger:contract-signed", "trigger:lost-review"])
        #expect(try service.lines(since: AutomationFixture.at(2026, 12, 1, 0)).isEmpty)
    }

    @Test func theDefaultSinceIsTheStartOfTheMonthInShanghai() throws {
        let fixture = try AutomationFixture()
        #expect(try Self.report(fixture).startOfMonth == AutomationFixture.at(2026, 11, 1, 0))
        fixture.clock.set(AutomationFixture.at(2026, 12, 1, 0, 30)) // still 30 November in UTC
        #expect(try Self.report(fixture).startOfMonth == AutomationFixture.at(2026, 12, 1, 0))
    }

    @Test func supervisorsMayReadItButRepsAreRefused() throws {
        let fixture = try AutomationFixture()
        _ = try Self.history(fixture)
        let service = try Self.report(fixture, as: "bob")
        #expect(try service.lines(since: service.startOfMonth).count == 7)
        for login in ["alice", "fay"] {
            let refused = try Self.report(fixture, as: login)
            #expect {
                try refused.lines(since: refused.startOfMonth)
            } throws: { error in
                "\(error)" == "\(login) (\(login == "alice" ? "rep" : "finance")) cannot administer the database; ask an admin"
            }
        }
    }
}
