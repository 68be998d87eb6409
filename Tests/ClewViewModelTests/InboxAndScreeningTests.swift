import ClewDomain
import ClewServices
import ClewStore
@testable import ClewViewModel
import Testing

@Suite("Inbox, screening, search and forms")
struct InboxAndScreeningTests {
    @Test func aRepConfirmsANewAssignmentFromTheInbox() throws {
        let fixture = try Fixture()
        let number = try fixture.lead("杭州恒通科技有限公司", phone: "13800138000")
        let bob = LeadService(context: fixture.context, actor: try fixture.actor("bob"))
        try bob.grade(number, .a, reason: "预算明确")
        try bob.assign(number, to: "alice")
        let app = try fixture.app("alice")
        #expect(app.inbox.badge >= 1)
        app.perform("show-inbox")
        guard case let .assignment(lead) = app.inbox.selectedRow else { Issue.record("expected the assignment first"); return }
        #expect(lead.number.description == number)
        app.perform("complete")
        // `x` on an assignment asks before confirming it (issue 10).
        guard case .confirm = app.overlay else { Issue.record("expected a question first"); return }
        app.type(.character("y"))
        #expect(try bob.lead(number).status == .active)
        #expect(app.status?.text == "\(number) confirmed")
    }

    @Test func aSupervisorGradesAndAssignsToTheSuggestedRep() throws {
        let fixture = try Fixture()
        let number = try fixture.lead("杭州恒通科技有限公司", phone: "13800138000")
        let app = try fixture.app("bob")
        app.perform("show-screening")
        let item = try #require(app.screening?.focused)
        #expect(item.lead.number.description == number)
        #expect(item.suggestions.first?.login == "alice") // 华东 and 制造业 match
        app.perform("grade")
        let form = try #require(app.openForm)
        form.nextField()
        "计划1个月内签约".forEach(form.type)
        app.perform("submit")
        #expect(app.overlay == nil)
        app.perform("assign-suggested")
        app.type(.character("y")) // the plan is shown first (issue 16)
        let lead = try LeadService(context: fixture.context, actor: try fixture.actor("bob")).lead(number)
        #expect(lead.status == .assigned)
        #expect(lead.owner == "alice")
        #expect(app.screening?.items.isEmpty == true)
    }

    @Test func bulkAssignIsAllOrNothing() throws {
        let fixture = try Fixture()
        let a = try fixture.lead("A公司", phone: "13800138001")
        _ = try fixture.lead("B公司", phone: "13800138002")
        try LeadService(context: fixture.context, actor: try fixture.actor("bob")).grade(a, .b, reason: "有预算")
        let app = try fixture.app("bob")
        app.perform("show-screening")
        app.perform("select-all")
        app.perform("assign-suggested")
        #expect(app.status?.kind == .error) // B is ungraded
        #expect(try LeadService(context: fixture.context, actor: try fixture.actor("bob")).lead(a).status == .screening)
    }

    /// Bulk assignment spreads the selection over the supervisor's own reps by territory and
    /// workload (each planned lead counted), instead of sending every lead of one region to the
    /// rep who was least loaded when the queue was drawn.
    @Test func bulkAssignSpreadsTheSelectionOverTheSupervisorsOwnReps() throws {
        let fixture = try Fixture()
        let root = try fixture.actor("root")
        let users = UserDirectory(context: fixture.context)
        try users.add(UserProfile(login: "dan", name: "Dan", role: .rep, supervisor: "bob", regions: ["华东"], industries: ["制造业"], capacity: 10), by: root)
        try users.add(UserProfile(login: "eve", name: "Eve", role: .supervisor, regions: ["华东"]), by: root)
        try users.add(UserProfile(login: "fay", name: "Fay", role: .rep, supervisor: "eve", regions: ["华东"], industries: ["制造业"], capacity: 10), by: root)
        let bob = LeadService(context: fixture.context, actor: try fixture.actor("bob"))
        var numbers: [String] = []
        for index in 1...4 {
            let number = try fixture.lead("杭州第\(index)制造有限公司", phone: "1380013800\(index)")
            try bob.grade(number, .b, reason: "有预算")
            numbers.append(number)
        }
        let app = try fixture.app("bob")
        app.perform("show-screening")
        app.perform("select-all")
        app.perform("assign-suggested")
        app.type(.character("y")) // the plan is shown first (issue 16)
        #expect(app.status?.kind != .error, "\(app.status?.text ?? "")")
        let owners = try numbers.map { try bob.lead($0).owner ?? "-" }
        #expect(owners.sorted() == ["alice", "alice", "dan", "dan"], "two each, none to eve's fay: \(owners)")
    }

    @Test func newLeadFormShowsInlineErrorsAndOffersTheDuplicate() throws {
        let fixture = try Fixture()
        let existing = try fixture.lead("杭州恒通科技有限公司", phone: "13800138000")
        // bob may see the unassigned lead, so he is offered it (a rep who cannot is refused without it, issue 11).
        let app = try fixture.app("bob")
        app.perform("new-lead")
        let form = try #require(app.openForm)
        app.perform("submit")
        #expect(form.fields.first { $0.key == "customer" }?.error == "required")
        "恒通".forEach(form.type)
        form.focus(key: "phone")
        "138-0013-8000".forEach(form.type)
        app.perform("submit")
        guard case let .confirm(question) = app.overlay else { Issue.record("expected the duplicate question"); return }
        #expect(question.message.contains(existing))
        app.type(.character("n"))
        #expect(app.openForm === form) // back to the form, nothing lost
    }

    @Test func searchFindsChineseSubstringsAndOpensTheLead() throws {
        let fixture = try Fixture()
        let number = try fixture.lead("杭州恒通科技有限公司", phone: "13800138000")
        let app = try fixture.app("bob")
        app.perform("search")
        "恒通科技".forEach { app.type(.character($0)) }
        app.perform("accept")
        #expect(app.screen == .search)
        #expect(app.search.results.map(\.lead.number.description) == [number])
        app.perform("open")
        #expect(app.detail?.lead?.number.description == number)
        #expect(app.keyContextName == "detail")
        app.perform("back")
        #expect(app.detail == nil)
    }

    @Test func theDetailTimelineShowsFollowUpsAndChanges() throws {
        let fixture = try Fixture()
        let number = try fixture.activeLead("A公司", phone: "13800138001")
        _ = try LeadService(context: fixture.context, actor: try fixture.actor("alice"))
            .logFollowUp(number, FollowUpDraft(at: Fixture.monday, method: .phone, content: "电话沟通了采购预算", nextAction: "发送方案"))
        let detail = LeadDetailModel(services: try fixture.services("alice"), number: number)
        try detail.reload()
        #expect(detail.timeline.first?.kind == .followUp)
        #expect(detail.timeline.contains { $0.summary.contains("status") })
        #expect(detail.stageRows.first?.status == "in-progress")
        #expect(detail.detail?.tasks.count == 1)
    }

    @Test func languageDetection() {
        #expect(Language.detect(flag: nil, environment: ["LANG": "zh_CN.UTF-8"]) == .zh)
        #expect(Language.detect(flag: nil, environment: ["LC_ALL": "en_US.UTF-8", "LANG": "zh_CN.UTF-8"]) == .en)
        #expect(Language.detect(flag: "zh", environment: [:]) == .zh)
        #expect(Localizer(.zh)("tab.board") == "看板")
    }
}
