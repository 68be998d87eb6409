import ClewDomain
import ClewAutomation
import ClewServices
import ClewStore
@testable import ClewViewModel
import Testing

/// Issue 16 §3: live search with the matched field, paging past a page; flags; inbox groups;
/// mentions that name nobody.
@Suite("Finding work: live search, flags, inbox groups, mentions")
struct FindingWorkTests {
    @Test func slashFiltersAsYouTypeAndSaysWhichFieldMatched() throws {
        let fixture = try Fixture()
        let number = try fixture.lead("杭州恒通科技有限公司", phone: "13800138000")
        let app = try fixture.app("bob")
        app.perform("search")
        "恒通".forEach { app.type(.character($0)) }
        // No Enter: the results are there while typing.
        #expect(app.screen == .search)
        #expect(app.search.results.map(\.lead.number.description) == [number])
        #expect(app.search.results.first?.field == "customer")
        #expect(app.search.results.first?.excerpt == "杭州恒通科技有限公司")
        app.type(.character("X"))
        #expect(app.search.results.isEmpty)
        app.type(.backspace)
        #expect(app.search.results.count == 1)
        app.perform("accept")
        #expect(app.status?.text == "1 result for 恒通")
    }

    @Test func aFollowUpMatchShowsItsExcerpt() throws {
        let fixture = try Fixture()
        let number = try fixture.activeLead("杭州恒通科技有限公司", phone: "13800138000")
        let alice = LeadService(context: fixture.context, actor: try fixture.actor("alice"))
        _ = try alice.logFollowUp(number, FollowUpDraft(at: Fixture.monday, method: .phone, content: "客户表示价格偏高，希望给出阶梯折扣方案"))
        let app = try fixture.app("alice")
        app.perform("search")
        "阶梯折扣".forEach { app.type(.character($0)) }
        let hit = try #require(app.search.results.first)
        #expect(hit.matchedIn == .followUp)
        #expect(hit.field == "follow-up")
        #expect(hit.excerpt?.contains("阶梯折扣") == true)
    }

    /// More matches than a page: the count says all of them, and moving down loads the next page.
    @Test func searchPagesPastTwoHundredAndSaysHowMany() throws {
        let seeded = try SeededFixture(leads: 1_500)
        let app = try seeded.app("root")
        let services = try seeded.services("root")
        // A word many seeded customers share.
        let word = try #require(["科技", "有限公司", "Ltd", "Co"].first { (try? services.search.count($0)) ?? 0 > SearchModel.pageSize })
        let total = try services.search.count(word)
        app.perform("search")
        word.forEach { app.type(.character($0)) }
        app.perform("accept")
        #expect(app.search.results.count == SearchModel.pageSize)
        #expect(app.search.total == total)
        #expect(app.search.hasMore)
        #expect(app.status?.text == "\(total) results for \(word)")
        app.search.setVisibleRows(20)
        for _ in 0..<SearchModel.pageSize { app.perform("move-down") }
        #expect(app.search.results.count > SearchModel.pageSize)
        let numbers = app.search.results.map(\.lead.number)
        #expect(Set(numbers).count == numbers.count, "no lead twice across pages")
    }

    @Test func filterByFlagOnTheBoardAndItsSpellings() throws {
        let fixture = try Fixture()
        let waiting = try fixture.lead("A公司", phone: "13800138001")
        let bob = LeadService(context: fixture.context, actor: try fixture.actor("bob"))
        try bob.grade(waiting, .a, reason: "预算明确")
        try bob.assign(waiting, to: "alice") // assigned, not confirmed
        let active = try fixture.activeLead("B公司", phone: "13800138002")
        // An open task due yesterday: overdue.
        _ = try TaskService(context: fixture.context, actor: try fixture.actor("alice"))
            .add(title: "回访", lead: active, assignee: "alice", due: Fixture.monday.addingTimeInterval(-86_400))
        let app = try fixture.app("bob")
        app.perform("command")
        "filter unconfirmed".forEach { app.type(.character($0)) }
        app.perform("accept")
        #expect(app.status?.kind != .error, "\(app.status?.text ?? "")")
        #expect(app.board.columns.map(\.count).reduce(0, +) == 1)
        #expect(app.board.columns.first { $0.key == "assigned" }?.count == 1)
        try app.board.setFilter(BoardFilter())
        app.perform("command")
        "filter flag=overdue".forEach { app.type(.character($0)) }
        app.perform("accept")
        #expect(app.board.columns.map(\.count).reduce(0, +) == 1)
        #expect(app.status?.text.hasSuffix("overdue") == true)
        #expect(throws: CommandError.self) { try Command.parse("filter flag=stale") }
        #expect(try Command.parse("filter 停滞") == .filter(["flag": "stalled"]))
    }

    @Test func theInboxKeepsAlertsApartFromMessagesAndMarksAGroupRead() throws {
        let fixture = try Fixture()
        let number = try fixture.activeLead("杭州恒通科技有限公司", phone: "13800138000")
        let unconfirmed = try fixture.lead("A公司", phone: "13800138001")
        let bob = LeadService(context: fixture.context, actor: try fixture.actor("bob"))
        try bob.grade(unconfirmed, .a, reason: "预算明确")
        try bob.assign(unconfirmed, to: "alice")
        // A mention, and the automation's alerts: the unconfirmed assignment is escalated.
        _ = try bob.addNote(number, body: "@alice 请今天回电")
        try fixture.tick(daysLater: 3)
        let app = try fixture.app("alice")
        app.perform("show-inbox")
        let headers = app.inbox.rows.compactMap { row -> String? in if case let .header(key, _) = row { return key } else { return nil } }
        #expect(headers.contains("messages"))
        #expect(headers.contains("alerts"))
        // Go to the alert and mark every alert read: the mention stays.
        while app.inbox.selectedGroup != .alerts { app.perform("move-down") }
        app.perform("mark-group-read")
        #expect(app.status?.text.hasSuffix("alert(s) marked read") == true)
        let kinds = app.inbox.rows.compactMap { row -> String? in if case let .notification(item) = row { return item.kind } else { return nil } }
        #expect(kinds.contains("mention"))
        #expect(kinds.allSatisfy { NotificationGroup(kind: $0) == .messages }, "\(kinds)")
    }

    /// `:filter escalated` finds the lead whose assignment the SLA timer escalated.
    @Test func escalatedLeadsAreFoundByTheirFlag() throws {
        let fixture = try Fixture()
        let unconfirmed = try fixture.lead("A公司", phone: "13800138001")
        _ = try fixture.activeLead("B公司", phone: "13800138002")
        let bob = LeadService(context: fixture.context, actor: try fixture.actor("bob"))
        try bob.grade(unconfirmed, .a, reason: "预算明确")
        try bob.assign(unconfirmed, to: "alice")
        let app = try fixture.app("bob")
        try app.execute(.filter(["flag": "escalated"]))
        #expect(app.board.columns.map(\.count).reduce(0, +) == 0, "nothing escalated yet")
        try fixture.tick(daysLater: 3)
        app.refresh()
        #expect(app.board.columns.first { $0.key == "assigned" }?.count == 1)
        var query = LeadQuery()
        query.flags = [.escalated]
        #expect(try bob.list(query).map(\.number.description).contains(unconfirmed))
        query.flags = [.escalated, .unconfirmed]
        #expect(try bob.list(query).map(\.number.description) == [unconfirmed])
    }

    @Test func aMistypedMentionIsRefusedWithTheClosestLogin() throws {
        let fixture = try Fixture()
        let number = try fixture.activeLead("杭州恒通科技有限公司", phone: "13800138000")
        let bob = LeadService(context: fixture.context, actor: try fixture.actor("bob"))
        let notes = try bob.detail(number).notes.count
        #expect(throws: MentionError.unknownLogin("alcie", suggestion: "alice")) { try bob.addNote(number, body: "@alcie 请跟进") }
        #expect(try bob.detail(number).notes.count == notes, "nothing saved")
        #expect(try bob.addNote(number, body: "@alice 请跟进") == ["alice"])
        #expect(MentionError.unknownLogin("zhou.mn", suggestion: "zhou.min").chinese.contains("你是指 @zhou.min 吗"))
    }
}

extension Fixture {
    /// Runs the automation's timers `days` after the fixture's Monday.
    func tick(daysLater days: Int) throws {
        _ = try TickService(context: context, actor: try actor("root")).run(asOf: Fixture.monday.addingTimeInterval(Double(days) * 86_400))
    }
}
