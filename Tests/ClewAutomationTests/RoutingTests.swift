import ClewDomain
import ClewServices
@testable import ClewStore
import Foundation
import GRDB
import Testing

/// Assignment rules and pools (issue 4 §3): ordered rules send a new lead to a rep, a team or
/// a pool; reps who are away or at capacity are skipped; pools are claimed within their limits.
@Suite("Routing")
struct RoutingTests {
    /// The standard process with `rules` in place of its assignment rules (and `pools`, when given).
    static func process(_ rules: [AssignmentRule], pools: [PoolDefinition]? = nil) -> ProcessDefinition {
        var process = ProcessDefinition.standard
        process.assignment = rules
        if let pools { process.pools = pools }
        return process
    }

    static let fromTradeShows = [AssignmentCondition(field: .source, values: ["展会"])]

    // MARK: - Pools

    @Test func aWebsiteLeadFromEastChinaGoesToTheEastPool() throws {
        let fixture = try AutomationFixture()
        let lead = try fixture.add(fixture.draft(source: "官网"))
        #expect(lead.status == .pooled)
        #expect(lead.pool == "east")
        #expect(lead.owner == nil)
        #expect(try fixture.outcomes("assign:web-east") == ["sent to pool east"])
        #expect(try fixture.strings("SELECT home_pool FROM lead WHERE id = ?", [lead.id]) == ["east"])
        #expect(try fixture.strings("SELECT action FROM rule_firing WHERE rule = 'assign:web-east'") == ["to pool:east"])

        // The English source name and a south-China region go to the other pool.
        let south = try fixture.add(fixture.draft(source: "Website", region: "华南", city: "广州"))
        #expect(south.pool == "south")
        #expect(try fixture.outcomes("assign:web-south") == ["sent to pool south"])
    }

    @Test func anEastRepSeesAndClaimsThePooledLead() throws {
        let fixture = try AutomationFixture()
        let lead = try fixture.add(fixture.draft(source: "官网"))
        let number = lead.number.description
        let alice = try fixture.leads("alice")
        #expect(try alice.list(LeadQuery(statuses: [.pooled])).map(\.id) == [lead.id])

        let claimed = try alice.claim(number)
        #expect(claimed.status == .active)
        #expect(claimed.owner == "alice")
        #expect(claimed.pool == nil)
        #expect(claimed.stage == "discovery")
        #expect(try fixture.outcomes("pool.claim:east") == ["claimed by alice"])
        #expect(try fixture.strings("SELECT home_pool FROM lead WHERE id = ?", [lead.id]) == ["east"])
        // Its grade's cadence starts for her (C, the suggestion: a light touch within 7 days).
        #expect(try fixture.tasks(of: lead).map(\.title) == ["轻触达 Light touch"])
    }

    @Test func aRepOutsideThePoolNeitherSeesNorClaimsIt() throws {
        let fixture = try AutomationFixture()
        try UserDirectory(context: fixture.context).add(
            UserProfile(login: "dora", name: "Dora Huang", role: .rep, supervisor: "bob", regions: ["华南"]), by: try fixture.actor("admin"))
        let lead = try fixture.add(fixture.draft(source: "官网"))
        let dora = try fixture.leads("dora")
        #expect(try dora.list(LeadQuery(statuses: [.pooled])).isEmpty)
        #expect { try dora.claim(lead.number.description) } throws: { "\($0)" == "no lead \(lead.number) that you can see" }
    }

    @Test func claimsRespectThePoolsDailyLimit() throws {
        let fixture = try AutomationFixture()
        var process = ProcessDefinition.standard
        process.pools[0].dailyClaimLimit = 1
        let context = try fixture.context(process)
        let first = try fixture.add(fixture.draft(source: "官网"), in: context)
        let second = try fixture.add(fixture.draft(source: "官网"), in: context)
        let alice = try fixture.leads("alice", in: context)

        try alice.claim(first.number.description)
        #expect {
            try alice.claim(second.number.description)
        } throws: { $0 as? LeadError == .claimLimitReached(pool: "east", claimed: 1) }
        #expect(try fixture.stored(second).status == .pooled)

        // Carl has his own allowance.
        try fixture.leads("carl", in: context).returnToPool(
            try fixture.leads("carl", in: context).claim(second.number.description).number.description, reason: "联系不上")
        // Alice may claim again the next day (a Shanghai day).
        fixture.clock.set(AutomationFixture.at(2026, 11, 24, 0, 0))
        let claimed = try alice.claim(second.number.description)
        #expect(claimed.owner == "alice")
    }

    @Test func aClaimRespectsTheRepsCapacity() throws {
        let fixture = try AutomationFixture()
        try UserDirectory(context: fixture.context).add(
            UserProfile(login: "dan", name: "Dan Wu", role: .rep, supervisor: "bob", regions: ["华东"], capacity: 1), by: try fixture.actor("admin"))
        let first = try fixture.add(fixture.draft(source: "官网"))
        let second = try fixture.add(fixture.draft(source: "官网"))
        let dan = try fixture.leads("dan")
        try dan.claim(first.number.description)
        #expect {
            try dan.claim(second.number.description)
        } throws: { $0 as? LeadError == .atCapacity(rep: "dan", load: 1, capacity: 1) }
    }

    @Test func aPoolWithADefaultAssigneeAssignsToThem() throws {
        let fixture = try AutomationFixture()
        var process = ProcessDefinition.standard
        process.pools[0].defaultAssignee = "carl"
        let context = try fixture.context(process)
        let lead = try fixture.add(fixture.draft(source: "官网"), in: context)
        #expect(lead.status == .assigned)
        #expect(lead.owner == "carl")
        #expect(lead.grade == .c, "graded with its suggestion")
        #expect(try fixture.outcomes("assign:web-east") == ["assigned to carl (default assignee of pool east)"])
        #expect(try fixture.strings("SELECT home_pool FROM lead WHERE id = ?", [lead.id]) == ["east"])
        #expect(try fixture.notifications("carl", "assignment").count == 1)

        // A default assignee who is away is passed over: the lead waits in the pool.
        try UserDirectory(context: context).setAway("carl", until: AutomationFixture.at(2026, 12, 1, 9), by: try fixture.actor("admin"))
        let next = try fixture.add(fixture.draft(source: "官网"), in: context)
        #expect(next.status == .pooled)
        #expect(next.pool == "east")
    }

    // MARK: - Rules to a rep

    @Test func aRuleToARepAssignsDirectlyWithTheSuggestedGrade() throws {
        let fixture = try AutomationFixture()
        let context = try fixture.context(Self.process([
            AssignmentRule(name: "shows-to-alice", conditions: Self.fromTradeShows, target: .rep("alice")),
        ]))
        let lead = try fixture.add(fixture.draft(title: "采购经理", budget: "50万以上"), in: context)
        #expect(lead.status == .assigned)
        #expect(lead.owner == "alice")
        #expect(lead.suggestedGrade == .b)
        #expect(lead.grade == .b)
        #expect(try fixture.outcomes("assign:shows-to-alice") == ["assigned to alice"])
        let detail = try fixture.leads("admin", in: context).detail(lead.number.description)
        #expect(detail.notes.map(\.body) == ["B: suggested by score 65, routed by rule shows-to-alice"])
        #expect(detail.tasks.map(\.title) == ["发送资料 Send material"], "B's cadence started")
        #expect(try fixture.notifications("alice", "assignment").count == 1)
        #expect(try fixture.strings("SELECT via FROM audit WHERE entity = 'lead' AND entity_id = ? AND action = 'assign' LIMIT 1", [lead.id]) == ["admin"])
    }

    @Test func aRepWhoIsAwayIsSkippedAndTheNextRuleApplies() throws {
        let fixture = try AutomationFixture()
        let context = try fixture.context(Self.process([
            AssignmentRule(name: "shows-to-alice", conditions: Self.fromTradeShows, target: .rep("alice")),
            AssignmentRule(name: "everything-to-carl", conditions: [], target: .rep("carl")),
        ]))
        let back = AutomationFixture.at(2026, 11, 30, 9)
        try UserDirectory(context: context).setAway("alice", until: back, by: try fixture.actor("bob"))

        let lead = try fixture.add(in: context)
        #expect(lead.owner == "carl")
        #expect(try fixture.outcomes("assign:shows-to-alice")
            == ["skipped: alice is away until \(AutomationFixture.stamp(back)); choose someone else"])
        #expect(try fixture.outcomes("assign:everything-to-carl") == ["assigned to carl"])

        // Once she is back, the first rule applies again.
        fixture.clock.set(AutomationFixture.at(2026, 11, 30, 9, 1))
        #expect(try fixture.add(in: context).owner == "alice")
    }

    @Test func aRepAtCapacityIsSkippedAndTheNextRuleApplies() throws {
        let fixture = try AutomationFixture()
        try UserDirectory(context: fixture.context).add(
            UserProfile(login: "dan", name: "Dan Wu", role: .rep, supervisor: "bob", regions: ["华东"], capacity: 1), by: try fixture.actor("admin"))
        let context = try fixture.context(Self.process([
            AssignmentRule(name: "shows-to-dan", conditions: Self.fromTradeShows, target: .rep("dan")),
            AssignmentRule(name: "everything-to-carl", conditions: [], target: .rep("carl")),
        ]))
        #expect(try fixture.add(in: context).owner == "dan")
        let second = try fixture.add(in: context)
        #expect(second.owner == "carl")
        #expect(try fixture.outcomes("assign:shows-to-dan")
            == ["assigned to dan", "skipped: dan is at capacity (1 of 1 open leads); choose someone else or raise their capacity"])
    }

    @Test func aDeactivatedRepIsSkipped() throws {
        let fixture = try AutomationFixture()
        let context = try fixture.context(Self.process([
            AssignmentRule(name: "shows-to-carl", conditions: Self.fromTradeShows, target: .rep("carl")),
            AssignmentRule(name: "everything-to-alice", conditions: [], target: .rep("alice")),
        ]))
        try UserDirectory(context: context).deactivate("carl", handoverTo: "alice", by: try fixture.actor("admin"))
        #expect(try fixture.add(in: context).owner == "alice")
        #expect(try fixture.outcomes("assign:shows-to-carl") == ["skipped: carl is deactivated"])
    }

    @Test func whenEveryRuleIsSkippedTheLeadWaitsInScreening() throws {
        let fixture = try AutomationFixture()
        let context = try fixture.context(Self.process([
            AssignmentRule(name: "shows-to-alice", conditions: Self.fromTradeShows, target: .rep("alice")),
        ]))
        try UserDirectory(context: context).setAway("alice", until: AutomationFixture.at(2026, 11, 30, 9), by: try fixture.actor("admin"))
        let lead = try fixture.add(in: context)
        #expect(lead.status == .screening)
        #expect(lead.owner == nil)
        #expect(lead.grade == nil)
    }

    @Test func conditionsOnGradeIndustryAndCityAreAllRequired() throws {
        let fixture = try AutomationFixture()
        let context = try fixture.context(Self.process([
            AssignmentRule(name: "hangzhou-a", conditions: [
                AssignmentCondition(field: .grade, values: ["A"]),
                AssignmentCondition(field: .city, values: ["杭州"]),
                AssignmentCondition(field: .industry, values: ["制造业"]),
            ], target: .rep("alice")),
        ]))
        let hot = try fixture.add(fixture.draft(title: "总经理", need: "尽快", budget: "50万以上"), in: context)
        #expect(hot.owner == "alice")
        let cold = try fixture.add(in: context)
        #expect(cold.status == .screening, "grade C fails the grade condition")
        let elsewhere = try fixture.add(fixture.draft(title: "总经理", need: "尽快", city: "宁波", budget: "50万以上"), in: context)
        #expect(elsewhere.status == .screening, "宁波 fails the city condition")
    }

    // MARK: - Rules to a team

    @Test func aTeamRulePicksTheLeastLoadedMatchingRep() throws {
        let fixture = try AutomationFixture()
        // Alice already has a lead.
        try fixture.assigned(to: "alice")
        let context = try fixture.context(Self.process([
            AssignmentRule(name: "shows-to-bobs-team", conditions: Self.fromTradeShows, target: .team("bob")),
        ]))
        let lead = try fixture.add(in: context)
        #expect(lead.owner == "carl")
        #expect(try fixture.outcomes("assign:shows-to-bobs-team") == ["assigned to carl (华东 · 制造业 · 0/50)"])
    }

    @Test func aTeamRuleTakesTurnsAmongEquallyLoadedReps() throws {
        let fixture = try AutomationFixture()
        let context = try fixture.context(Self.process([
            AssignmentRule(name: "team", conditions: [], target: .team("bob")),
        ]))
        let owners = try (0..<4).map { _ in try fixture.add(in: context).owner }
        #expect(owners == ["alice", "carl", "alice", "carl"])
        #expect(try fixture.outcomes("assign:team") == [
            "assigned to alice (华东 · 制造业 · 0/50)", "assigned to carl (华东 · 制造业 · 0/50)",
            "assigned to alice (华东 · 制造业 · 1/50)", "assigned to carl (华东 · 制造业 · 1/50)",
        ])
    }

    @Test func aTeamRulePassesOverAwayRepsAndEscalatesWhenNoOneHasRoom() throws {
        let fixture = try AutomationFixture()
        let context = try fixture.context(Self.process([
            AssignmentRule(name: "team", conditions: [], target: .team("bob")),
        ]))
        let admin = try fixture.actor("admin")
        try UserDirectory(context: context).setAway("alice", until: AutomationFixture.at(2026, 12, 1, 9), by: admin)
        #expect(try fixture.add(in: context).owner == "carl")
        try UserDirectory(context: context).setAway("carl", until: AutomationFixture.at(2026, 12, 1, 9), by: admin)
        let stuck = try fixture.add(in: context)
        #expect(stuck.status == .screening)
        #expect(try fixture.outcomes("assign:team").last == "left in screening: no one in team:bob has room")
        #expect(try fixture.notifications("bob", "escalation")
            == ["\(AutomationFixture.label(stuck)): rule team routed it to your team, but no one has room"])
    }

    // MARK: - No rule

    @Test func aLeadNoRuleMatchesStaysInScreening() throws {
        let fixture = try AutomationFixture()
        let lead = try fixture.add()
        #expect(lead.status == .screening)
        #expect(lead.owner == nil)
        #expect(lead.pool == nil)
        #expect(try fixture.count("SELECT count(*) FROM rule_firing") == 0)
        // The screening queue suggests reps for it instead.
        let item = try #require(try ScreeningService(context: fixture.context, actor: try fixture.actor("bob")).items().first)
        #expect(item.suggestions.map(\.login) == ["alice", "carl"])
    }

    @Test func anIncompleteLeadIsRoutedOnceItsDetailsAreComplete() throws {
        let fixture = try AutomationFixture()
        var draft = fixture.draft(source: "官网")
        draft.industry = nil
        let lead = try fixture.add(draft)
        #expect(lead.status == .new)
        #expect(try fixture.count("SELECT count(*) FROM rule_firing") == 0)
        let completed = try fixture.leads("admin").edit(lead.number.description, changes: LeadDraft(industry: "制造业"))
        #expect(completed.status == .pooled)
        #expect(completed.pool == "east")
    }

    @Test func aNewLeadCompletedByAMergedRegistrationIsRoutedToo() throws {
        let fixture = try AutomationFixture()
        let phone = fixture.uniquePhone()
        var draft = fixture.draft(phone: phone, source: "官网")
        draft.industry = nil
        let lead = try fixture.add(draft)
        #expect(lead.status == .new)
        let merged = try fixture.leads("admin").add(fixture.draft(phone: phone, source: "官网"), duplicates: .mergeInto(lead.number.description))
        #expect(merged.lead.status != .new, "the merged details completed it")
        #expect(merged.lead.status == .pooled)
        #expect(merged.lead.pool == "east")
    }

    @Test func aRuleNamingAnUnknownPoolIsSkipped() throws {
        let fixture = try AutomationFixture()
        let context = try fixture.context(Self.process([
            AssignmentRule(name: "to-north", conditions: [], target: .pool("north")),
            AssignmentRule(name: "to-east", conditions: [], target: .pool("east")),
        ]))
        let lead = try fixture.add(in: context)
        #expect(lead.pool == "east")
        #expect(try fixture.outcomes("assign:to-north") == ["skipped: no pool north"])
        #expect(try fixture.outcomes("assign:to-east") == ["sent to pool east"])
    }
}
