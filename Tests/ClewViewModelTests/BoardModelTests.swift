import ClewDomain
import ClewServices
import ClewStore
@testable import ClewViewModel
import Testing

@Suite("Board")
struct BoardModelTests {
    @Test func columnsFollowThePipelineWithTotals() throws {
        let fixture = try Fixture()
        try fixture.lead("杭州恒通科技有限公司", phone: "13800138000")
        try fixture.activeLead("上海华信物流有限公司", phone: "13800138001")
        let app = try fixture.app("bob")
        #expect(app.board.columns.map(\.key) == ["screening", "assigned", "discovery", "proposal", "negotiation", "contract", "won"])
        #expect(app.board.columns.first { $0.key == "screening" }?.count == 1)
        #expect(app.board.columns.first { $0.key == "discovery" }?.count == 1)
        #expect(app.board.scope == .team)
    }

    @Test func repsSeeTheirOwnLeadsByDefault() throws {
        let fixture = try Fixture()
        try fixture.activeLead("A公司", phone: "13800138001", owner: "alice")
        try fixture.activeLead("C公司", phone: "13800138002", owner: "carol")
        let app = try fixture.app("alice")
        #expect(app.board.scope == .mine)
        #expect(app.board.columns.first { $0.key == "discovery" }?.count == 1)
        #expect(app.board.columns.first?.key == "assigned") // nobody owns a screening lead
        try app.board.setViewport(columns: 4, rows: 5)
        try app.board.moveFocus(columns: 1)
        #expect(app.board.focusedCard?.lead.details.customer == "A公司")
    }

    @Test func movingACardForwardAsksThenNeedsTheStageDone() throws {
        let fixture = try Fixture()
        let number = try fixture.activeLead("A公司", phone: "13800138001")
        let app = try fixture.app("alice")
        try app.board.setViewport(columns: 7, rows: 5)
        app.perform("move-right")
        #expect(app.board.focusedCard?.lead.number.description == number)
        app.perform("move-forward")
        guard case .confirm = app.overlay else { Issue.record("expected a confirmation"); return }
        app.type(.character("y"))
        #expect(app.status?.kind == .error)
        #expect(app.status?.text.contains("log a follow-up") == true)

        // Log a follow-up through the form, then the move goes through.
        app.perform("log-follow-up")
        guard let form = app.openForm else { Issue.record("expected the follow-up form"); return }
        form.focus(key: "content")
        "电话沟通了采购预算和时间表".forEach(form.type)
        app.perform("submit")
        #expect(app.overlay == nil)
        app.perform("move-forward")
        app.type(.character("y"))
        #expect(try LeadService(context: fixture.context, actor: try fixture.actor("alice")).lead(number).stage == "proposal")
    }

    @Test func filterByCommandNarrowsTheColumns() throws {
        let fixture = try Fixture()
        try fixture.lead("A公司", phone: "13800138001")
        let b = try fixture.lead("B公司", phone: "13800138002")
        try LeadService(context: fixture.context, actor: try fixture.actor("bob")).grade(b, .a, reason: "预算明确")
        let app = try fixture.app("bob")
        app.perform("command")
        "filter grade=A".forEach { app.type(.character($0)) }
        app.perform("accept")
        #expect(app.board.filter.grade == .a)
        #expect(app.board.columns.first { $0.key == "screening" }?.count == 1)
    }
}

extension AppModel.Overlay: Equatable {
    public static func == (lhs: AppModel.Overlay, rhs: AppModel.Overlay) -> Bool {
        switch (lhs, rhs) {
        case (.help, .help): true
        case let (.form(a), .form(b)): a === b
        case let (.prompt(a), .prompt(b)): a === b
        case (.confirm, .confirm): true
        default: false
        }
    }
}
