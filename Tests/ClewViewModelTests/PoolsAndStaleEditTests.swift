import ClewDomain
import ClewAutomation
import ClewServices
import ClewStore
@testable import ClewViewModel
import Testing

/// Issue 16 §2 and §4: the pools screen (`4`) and stale edits that merge.
@Suite("Pools screen and stale-edit merge")
struct PoolsAndStaleEditTests {
    /// A context over the fixture's database whose process has a 华东 pool with a daily limit of 2.
    static func pooled(_ fixture: Fixture) throws -> (ClewContext, [String]) {
        var process = ProcessDefinition.withoutAutomation
        process.pools = [PoolDefinition(name: "华东公海", scope: .region, values: ["华东"], members: ["alice"], dailyClaimLimit: 2)]
        let context = ClewContext(database: fixture.database, automation: AutomationEngine(), clock: fixture.clock, process: process, calendar: .standard(timeZone: Fixture.zone))
        var numbers: [String] = []
        for index in 1...3 {
            let number = try fixture.activeLead("杭州第\(index)制造有限公司", phone: "1380013820\(index)")
            try LeadService(context: context, actor: try fixture.actor("alice")).returnToPool(number, reason: "客户暂无预算")
            numbers.append(number)
        }
        return (context, numbers)
    }

    /// `login` as the pooled process sees them (their pool memberships come from its pools).
    static func actor(_ login: String, _ context: ClewContext) throws -> ActingUser {
        try UserDirectory(context: context).actingUser(osLogin: "root", actAs: login)
    }

    @Test func aRepSeesThePoolClaimsWithTheLimitShownAndBulkClaimIsAllOrNothing() throws {
        let fixture = try Fixture()
        let (context, numbers) = try Self.pooled(fixture)
        let app = AppModel(services: LiveServices(context: context, actor: try Self.actor("alice", context)), language: .en)
        try app.start()
        app.perform("show-pools")
        #expect(app.screen == .pools)
        #expect(app.keyContextName == "pools")
        let pool = try #require(app.pools.focusedPool)
        #expect(pool.name == "华东公海")
        #expect(pool.leads == 3)
        #expect(pool.dailyClaimLimit == 2 && pool.claimedToday == 0)
        #expect(Set(app.pools.leads.map(\.number.description)) == Set(numbers))

        let first = try #require(app.pools.focusedLead).number.description
        app.perform("claim")
        guard case let .confirm(question) = app.overlay else { Issue.record("expected a question"); return }
        #expect(question.message == "Claim \(first) from 华东公海? (0/2 claimed today)")
        app.type(.character("y"))
        #expect(try LeadService(context: context, actor: try fixture.actor("alice")).lead(first).owner == "alice")
        #expect(app.pools.focusedPool?.leads == 2)
        #expect(app.pools.focusedPool?.claimedToday == 1)

        // Two selected with one claim left today: refused, and neither is claimed.
        app.perform("toggle-select")
        app.perform("toggle-select")
        #expect(app.pools.selected.count == 2)
        app.perform("claim")
        guard case let .confirm(bulk) = app.overlay else { Issue.record("expected a question"); return }
        #expect(bulk.message == "Claim 2 leads from 华东公海? (1/2 claimed today)")
        app.type(.character("y"))
        #expect(app.status?.kind == .error)
        #expect(app.pools.focusedPool?.leads == 2, "all or nothing")
    }

    /// With the keys in the pool list, `c` claims the lead highlighted beside it (not "no lead").
    @Test func claimingFromThePoolListTakesTheHighlightedLead() throws {
        let fixture = try Fixture()
        let (context, _) = try Self.pooled(fixture)
        let app = AppModel(services: LiveServices(context: context, actor: try Self.actor("alice", context)), language: .en)
        try app.start()
        app.perform("show-pools")
        let highlighted = try #require(app.pools.highlightedLead).number.description
        app.pools.switchPane()
        #expect(!app.pools.leadsFocused && app.pools.focusedLead == nil)
        app.perform("claim")
        guard case let .confirm(question) = app.overlay else { Issue.record("expected a question, got \(String(describing: app.status))"); return }
        #expect(question.message == "Claim \(highlighted) from 华东公海? (0/2 claimed today)")
        app.type(.character("y"))
        #expect(try LeadService(context: context, actor: try fixture.actor("alice")).lead(highlighted).owner == "alice")
    }

    @Test func theChineseScreenNamesTheLimitToo() throws {
        let fixture = try Fixture()
        let (context, _) = try Self.pooled(fixture)
        let app = AppModel(services: LiveServices(context: context, actor: try Self.actor("alice", context)), language: .zh)
        try app.start()
        app.perform("show-pools")
        app.perform("claim")
        guard case let .confirm(question) = app.overlay else { Issue.record("expected a question"); return }
        #expect(question.message.hasSuffix("？（今日已领 0/2）"))
    }

    @Test func aRepOutsideThePoolSeesNoLeadsInIt() throws {
        let fixture = try Fixture()
        let (context, _) = try Self.pooled(fixture)
        let app = AppModel(services: LiveServices(context: context, actor: try Self.actor("carol", context)), language: .en)
        try app.start()
        app.perform("show-pools")
        #expect(app.pools.pools.isEmpty, "no process pool of hers, no leads she may see: \(app.pools.pools)")
    }

    /// Another user saves the lead while the form is open: the form takes their values where the
    /// user typed nothing, keeps what the user typed, marks both, and submits on the next try.
    @Test func aStaleEditMergesTheOtherUsersValuesAndKeepsWhatWasTyped() throws {
        let fixture = try Fixture()
        let number = try fixture.activeLead("杭州恒通科技有限公司", phone: "13800138000")
        let app = try fixture.app("alice")
        app.open(number)
        app.perform("edit-lead")
        let form = try #require(app.openForm)
        form.focus(key: "need")
        for _ in 0..<40 { form.deleteBackward() }
        "需采购CRM，两周内决策".forEach(form.type)
        form.focus(key: "title")
        for _ in 0..<40 { form.deleteBackward() }
        "总监".forEach(form.type)
        // Bob changes the contact and the title meanwhile.
        var theirs = LeadDraft()
        theirs.contact = "李娜"
        theirs.title = "采购总监"
        _ = try LeadService(context: fixture.context, actor: try fixture.actor("bob")).edit(number, changes: theirs)
        app.perform("submit")
        #expect(app.openForm === form, "the form stays open")
        #expect(form.value("contact") == "李娜", "their change where the user typed nothing")
        #expect(form.value("need") == "需采购CRM，两周内决策", "the user's typing stays")
        #expect(form.value("title") == "总监", "the user's typing stays in a conflict")
        #expect(form.fields.first { $0.key == "contact" }?.warning == "changed by bob")
        #expect(form.fields.first { $0.key == "title" }?.warning?.contains("采购总监") == true)
        #expect(form.formError?.hasPrefix("bob saved this lead meanwhile") == true)
        app.perform("submit")
        #expect(app.overlay == nil, "\(form.formError ?? "")")
        let lead = try LeadService(context: fixture.context, actor: try fixture.actor("alice")).lead(number)
        #expect(lead.details.contact == "李娜")
        #expect(lead.details.title == "总监")
        #expect(lead.details.need == "需采购CRM，两周内决策")
    }

    /// A stale grade keeps what the supervisor chose and typed, says what the lead was graded
    /// meanwhile and by whom, and sets theirs on the next submit.
    @Test func aStaleGradeSaysTheOtherGradeAndKeepsTheForm() throws {
        let fixture = try Fixture()
        let number = try fixture.lead("杭州恒通科技有限公司", phone: "13800138000")
        let app = try fixture.app("bob")
        app.open(number)
        app.perform("grade")
        let form = try #require(app.openForm)
        form.focus(key: "grade")
        for _ in 0..<4 { form.deleteBackward() }
        form.type("C")
        form.focus(key: "reason")
        "预算未确认".forEach(form.type)
        try LeadService(context: fixture.context, actor: try fixture.actor("root")).grade(number, .a, reason: "大客户")
        app.perform("submit")
        #expect(app.openForm === form, "the form stays open")
        #expect(form.formError == "root graded this lead A meanwhile; your grade and reason are kept: submit again to set yours")
        #expect(form.value("grade") == "C" && form.value("reason") == "预算未确认")
        app.perform("submit")
        #expect(app.overlay == nil, "\(form.formError ?? "")")
        #expect(try LeadService(context: fixture.context, actor: try fixture.actor("bob")).lead(number).grade == .c)
    }

    @Test func fieldMergeDecidesEachField() {
        #expect(FieldMerge.decide(base: "a", mine: "a", theirs: "a") == .unchanged)
        #expect(FieldMerge.decide(base: "a", mine: "a", theirs: "b") == .theirs("b"))
        #expect(FieldMerge.decide(base: "a", mine: "c", theirs: "a") == .mine)
        #expect(FieldMerge.decide(base: "a", mine: "b", theirs: "b") == .same)
        #expect(FieldMerge.decide(base: "a", mine: "c", theirs: "b") == .conflict(theirs: "b"))
        #expect(FieldMerge.conflict(theirs: "b").value(mine: "c") == "c")
        #expect(FieldMerge.theirs("b").value(mine: "a") == "b")
    }
}

/// Issue 16 §2: returning from the pools screen — "my claims" closes the pool list.
@Suite("Pools screen: returning a claim")
struct PoolsReturnTests {
    @Test func aRepReturnsAClaimFromThePoolsScreenWithAReason() throws {
        let fixture = try Fixture()
        let (context, _) = try PoolsAndStaleEditTests.pooled(fixture)
        let app = AppModel(services: LiveServices(context: context, actor: try PoolsAndStaleEditTests.actor("alice", context)), language: .en)
        try app.start()
        app.perform("show-pools")
        #expect(app.pools.listsClaims)
        #expect(app.pools.claimedCount == 0)
        let first = try #require(app.pools.focusedLead).number.description
        app.perform("claim")
        app.type(.character("y"))
        #expect(app.pools.claimedCount == 1)

        // Tab to the pool list, down to "my claims", Tab back to its leads.
        app.perform("next-pane")
        app.perform("move-down")
        #expect(app.pools.claimsFocused)
        app.perform("next-pane")
        #expect(app.pools.leads.map(\.number.description) == [first])
        #expect(app.pools.focusedLead?.owner == "alice")

        app.perform("claim")
        #expect(app.status?.kind == .warning, "a claim of one's own lead says what to press instead")
        #expect(app.overlay == nil)

        app.perform("return-to-pool")
        guard case .form = app.overlay else { Issue.record("expected the reason form"); return }
        "客户暂无预算".forEach { app.type(.character($0)) }
        app.perform("submit")
        #expect(app.overlay == nil, "\(String(describing: app.status))")
        let lead = try LeadService(context: context, actor: try fixture.actor("root")).lead(first)
        #expect(lead.status == .pooled && lead.owner == nil && lead.pool == "华东公海")
        #expect(app.pools.claimedCount == 0)
        #expect(app.pools.claimsFocused, "the focus stays on my claims")
        #expect(app.pools.leads.isEmpty)
        #expect(app.pools.pools.first?.leads == 3)
    }

    @Test func supervisorsHaveNoClaimsEntry() throws {
        let fixture = try Fixture()
        let (context, _) = try PoolsAndStaleEditTests.pooled(fixture)
        let app = AppModel(services: LiveServices(context: context, actor: try PoolsAndStaleEditTests.actor("bob", context)), language: .en)
        try app.start()
        app.perform("show-pools")
        #expect(app.pools.listsClaims == false)
        #expect(app.pools.poolCursor.count == app.pools.pools.count)
    }
}
