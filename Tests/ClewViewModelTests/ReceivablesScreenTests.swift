import ClewDomain
import ClewServices
import ClewStore
@testable import ClewViewModel
import Foundation
import Testing

/// The finance screen (key 7) and the customer screen (key 6) as view models (issue 14): what
/// each role sees, the panels and their cursors, recording a payment and an invoice from the
/// screen's forms, the customer list's filter and paging, and a customer's detail.
@Suite("Receivables and customer screens")
struct ReceivablesScreenTests {
    /// The fixture's team with fred (finance) and mia (marketing), and alice's deal won for
    /// ¥300,000 with a plan of 30% overdue since 2026-10-15, 30% due this Wednesday and 40% later.
    final class Deal {
        let fixture: Fixture
        let lead: String
        let contract: String

        init(customer: String = "杭州恒通科技有限公司", phone: String = "13800138001", fixture: Fixture? = nil) throws {
            let fixture = try fixture ?? Deal.team()
            self.fixture = fixture
            lead = try fixture.activeLead(customer, phone: phone)
            let bob = LeadService(context: fixture.context, actor: try fixture.actor("bob"))
            _ = try bob.move(lead, to: "contract")
            try LeadService(context: fixture.context, actor: try fixture.actor("alice")).win(lead, amount: Money(yuan: 300_000))
            contract = Contract.number(forLead: lead)
            try ReceivableService(context: fixture.context, actor: try fixture.actor("fred")).plan(contract, .shares([
                PaymentPlan.Share(due: CalendarDay(year: 2026, month: 10, day: 15), basisPoints: 3_000),
                PaymentPlan.Share(due: CalendarDay(year: 2026, month: 11, day: 25), basisPoints: 3_000),
                PaymentPlan.Share(due: CalendarDay(year: 2027, month: 1, day: 15), basisPoints: 4_000),
            ]))
        }

        static func team() throws -> Fixture {
            let fixture = try Fixture()
            let users = UserDirectory(context: fixture.context)
            let root = try users.actingUser(osLogin: "root")
            try users.add(UserProfile(login: "fred", name: "Fred", role: .finance), by: root)
            try users.add(UserProfile(login: "mia", name: "Mia", role: .marketing), by: root)
            return fixture
        }

        func app(_ login: String, _ language: Language = .en) throws -> AppModel {
            let app = AppModel(services: try fixture.services(login), language: language)
            try app.start()
            return app
        }
    }

    @Test func financeSeesDueThisWeekTheAgesAndEachPanel() throws {
        let deal = try Deal()
        let app = try deal.app("fred")
        app.perform("show-receivables")
        #expect(app.screen == .receivables)
        #expect(app.keyContextName == "receivables")
        let report = try #require(app.receivables.report)
        #expect(report.asOf == CalendarDay(year: 2026, month: 11, day: 23))
        #expect(report.dueThisWeek.map(\.sequence) == [2])
        #expect(report.aged.buckets[.upTo60] == Money(yuan: 90_000), "39 days past due")
        #expect(report.byCustomer.map(\.name) == ["杭州恒通科技有限公司"])
        #expect(report.byRep.map(\.name) == ["alice"])
        #expect(app.receivables.focusedContractNumber == deal.contract)
        #expect(app.receivables.focusedBalance == Money(yuan: 90_000))
        app.perform("next-pane")
        #expect(app.receivables.panel == .contracts)
        #expect(app.receivables.focusedSummary?.outstanding == Money(yuan: 300_000))
        app.perform("next-pane")
        app.perform("next-pane")
        #expect(app.receivables.panel == .byRep)
        #expect(app.receivables.focusedContractNumber == nil)
        app.perform("next-pane")
        #expect(app.receivables.panel == .dueThisWeek, "Tab wraps round")
        #expect(app.tabs.map(\.screen).contains(.receivables))
    }

    /// Finance opens on its own screen; the due-this-week rows name the customer (and Enter on
    /// one opens that customer even when the contract is not among the listed ones).
    @Test func financeStartsOnTheFinanceScreenAndTheDueRowsNameTheCustomer() throws {
        let deal = try Deal()
        let fred = try deal.app("fred")
        #expect(fred.screen == .receivables)
        #expect(AppModel.startScreen(for: .finance) == .receivables && AppModel.startScreen(for: .rep) == .board)
        let due = try #require(fred.receivables.report?.dueThisWeek.first)
        #expect(due.customerName == "杭州恒通科技有限公司" && due.contractNumber == deal.contract)
        #expect(fred.receivables.focusedCustomerName == "杭州恒通科技有限公司")
        // The board is read when first shown, not before finance's first frame.
        #expect(fred.board.columns.isEmpty)
        fred.show(.board)
        #expect(fred.screen == .board && !fred.board.columns.isEmpty)
        #expect(try deal.app("alice").screen == .board)
    }

    @Test func aPaymentFromTheScreenLowersWhatIsOwed() throws {
        let deal = try Deal()
        let app = try deal.app("fred", .zh)
        app.perform("show-receivables")
        app.perform("record-payment")
        guard case let .form(form) = app.overlay else { Issue.record("p opens the payment form"); return }
        #expect(form.value("contract") == deal.contract)
        #expect(form.value("amount") == "90000")
        for _ in 0..<3 { form.nextField() }
        for character in "BANK-7" { form.type(character) }
        app.perform("submit")
        #expect(app.overlay == nil, "\(form.formError ?? "")")
        #expect(app.status?.text == "\(deal.contract) 已回款 ¥90,000，尚余 ¥210,000 待收")
        let report = try #require(app.receivables.report)
        #expect(report.open == Money(yuan: 210_000))
        #expect(report.overdue == .zero, "the oldest instalment took it")
        let payments = try ReceivableService(context: deal.fixture.context, actor: try deal.fixture.actor("fred")).contract(deal.contract).payments
        #expect(payments.map(\.reference) == ["BANK-7"])
    }

    @Test func aPaymentBeyondTheBalanceIsRefusedOnTheForm() throws {
        let deal = try Deal()
        let app = try deal.app("fred")
        app.perform("show-receivables")
        app.perform("record-payment")
        guard case let .form(form) = app.overlay else { Issue.record("no form"); return }
        form.nextField()
        for _ in 0..<10 { form.deleteBackward() }
        for character in "400000" { form.type(character) }
        app.perform("submit")
        #expect(app.overlay != nil, "the form stays open")
        #expect(form.formError?.isEmpty == false)
        #expect(app.receivables.report?.open == Money(yuan: 300_000))
    }

    @Test func anInvoiceFromTheScreen() throws {
        let deal = try Deal()
        let app = try deal.app("fred")
        app.perform("show-receivables")
        app.perform("next-pane") // contracts
        app.perform("record-invoice")
        guard case let .form(form) = app.overlay else { Issue.record("i opens the invoice form"); return }
        #expect(form.value("amount") == "300000")
        #expect(form.value("kind") == "专票")
        for _ in 0..<4 { form.nextField() }
        #expect(form.focusedField?.key == "number")
        for character in "FP-001" { form.type(character) }
        app.perform("submit")
        #expect(app.overlay == nil, "\(form.formError ?? "")")
        #expect(app.status?.text == "Invoice FP-001 (¥300,000) recorded")
        #expect(app.receivables.report?.contracts.first?.invoiced == Money(yuan: 300_000))
    }

    @Test func onlyFinanceAndAdminsRecordAndMarketingIsNotPermitted() throws {
        let deal = try Deal()
        let bob = try deal.app("bob")
        bob.perform("show-receivables")
        #expect(bob.screen == .receivables)
        #expect(bob.receivables.report?.open == Money(yuan: 300_000))
        bob.perform("record-payment")
        #expect(bob.overlay == nil)
        #expect(bob.status?.text == "Finance records payments and invoices (you are supervisor)")
        #expect(!bob.roleAllows("record-invoice"))

        let alice = try deal.app("alice")
        alice.perform("show-receivables")
        #expect(alice.screen == .receivables)
        #expect(alice.receivables.reach == .own)
        #expect(alice.receivables.report?.open == Money(yuan: 300_000))
        let carol = try deal.app("carol")
        carol.perform("show-receivables")
        #expect(carol.receivables.report?.open == .zero, "carol has no customers of her own")
        #expect(carol.receivables.report?.byCustomer.isEmpty == true)

        let mia = try deal.app("mia", .zh)
        mia.perform("show-receivables")
        #expect(mia.screen == .board)
        #expect(mia.status?.text == "市场专员无权查看应收款：财务、主管和管理员可查看，销售只能查看自己客户的")
        #expect(!mia.tabs.map(\.screen).contains(.receivables))
        mia.perform("show-customers")
        #expect(mia.screen == .board)
        #expect(mia.receivables.loads == 0, "nothing was read for her")
    }

    @Test func theCustomerScreenListsFiltersAndOpensACustomer() throws {
        let deal = try Deal()
        try deal.fixture.activeLead("上海云帆信息技术有限公司", phone: "13800138002", owner: "carol")
        let other = try deal.fixture.activeLead("南京星辰智能制造有限公司", phone: "13800138003")
        try LeadService(context: deal.fixture.context, actor: try deal.fixture.actor("alice")).convert(other, contact: true, opportunity: true)
        let fred = try deal.app("fred")
        fred.perform("show-customers")
        #expect(fred.screen == .customers)
        #expect(fred.customers.customers.map(\.name) == ["南京星辰智能制造有限公司", "杭州恒通科技有限公司"])
        fred.perform("move-down")
        fred.perform("open")
        let detail = try #require(fred.customers.detail)
        #expect(detail.summary.name == "杭州恒通科技有限公司")
        #expect(detail.contracts.map(\.contract.number) == [deal.contract])
        #expect(detail.contacts.map(\.name) == ["王伟"])
        #expect(detail.timeline.contains { $0.action == "plan" })
        fred.perform("move-up")
        #expect(fred.customers.detail?.summary.name == "南京星辰智能制造有限公司", "the detail follows the cursor")
        fred.perform("back")
        #expect(fred.customers.detail == nil)
        #expect(fred.screen == .customers)
        fred.perform("find-customer")
        guard case let .form(form) = fred.overlay else { Issue.record("f opens the filter"); return }
        for character in "恒通" { form.type(character) }
        fred.perform("submit")
        #expect(fred.customers.customers.map(\.name) == ["杭州恒通科技有限公司"])
        #expect(fred.status?.text == "1 customers whose name contains \"恒通\"")

        // A rep reads the customers of her own deals only.
        let carol = try deal.app("carol")
        carol.perform("show-customers")
        #expect(carol.customers.customers.isEmpty)
    }

    @Test func enterOnTheFinanceScreenOpensTheRowsCustomer() throws {
        let deal = try Deal()
        let app = try deal.app("fred")
        app.perform("show-receivables")
        app.perform("open")
        #expect(app.screen == .customers)
        #expect(app.customers.detail?.summary.name == "杭州恒通科技有限公司")
    }

    @Test func theCustomerListLoadsAPageAtATime() throws {
        let fixture = try Deal.team()
        let users = UserDirectory(context: fixture.context)
        try users.add(UserProfile(login: "zoe", name: "Zoe", role: .rep, supervisor: "bob", regions: ["华东"], capacity: 500),
                      by: try users.actingUser(osLogin: "root"))
        // Customers are made by conversions: 105 of them, more than a page.
        let zoe = LeadService(context: fixture.context, actor: try fixture.actor("zoe"))
        for i in 0..<(CustomersModel.pageSize + 5) {
            let number = try fixture.activeLead("客户\(String(format: "%03d", i))有限公司", phone: "1390000\(String(format: "%04d", i))", owner: "zoe")
            try zoe.convert(number, contact: false, opportunity: false)
        }
        let app = AppModel(services: try fixture.services("fred"), language: .en)
        try app.start()
        app.customers.setVisibleRows(20)
        app.perform("show-customers")
        #expect(app.customers.customers.count == CustomersModel.pageSize)
        #expect(app.customers.hasMore)
        app.perform("last")
        app.perform("last")
        #expect(app.customers.customers.count == CustomersModel.pageSize + 5)
        #expect(!app.customers.hasMore)
        #expect(app.customers.focused?.name == "客户104有限公司")
    }

    /// A payment another process records moves the shown dashboard at the next poll: the
    /// figures are read again (and counted, so the run loop draws the frame), the sources'
    /// received column shows the money, and a second poll with nothing new reads nothing.
    @Test func aPaymentByAnotherUserRedrawsTheShownDashboard() throws {
        let deal = try Deal()
        let bob = try deal.app("bob")
        bob.feed = try ChangeFeed(database: deal.fixture.database)
        bob.perform("show-dashboard")
        #expect(bob.screen == .dashboard)
        let before = bob.reloads
        let received = { bob.dashboard.figures?.sources.lines.reduce(Money.zero) { $0 + $1.received } }
        #expect(received() == .zero)

        _ = try ReceivableService(context: deal.fixture.context, actor: try deal.fixture.actor("fred"))
            .addPayment(deal.contract, amount: Money(yuan: 90_000))
        #expect(bob.pollChanges(), "the frame needs drawing again")
        #expect(bob.reloads.dashboard == before.dashboard + 1)
        #expect(received() == Money(yuan: 90_000))
        #expect(bob.pollChanges() == false)
        #expect(bob.reloads.dashboard == before.dashboard + 1)
    }
}
