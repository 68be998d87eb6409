import ClewDomain
import ClewViewModel
import Foundation
import Testing

/// Issue 14 in tmux, in English and Chinese: the finance screen (7) records a payment and the
/// amount owed drops on screen; the customer screen (6) filters and opens a customer.
@Suite("TUI receivables and customers (tmux)", .serialized)
struct TUIReceivablesTests {
    typealias Team = TUIEndToEndTests.Team

    /// The team with fred (finance) and mia (marketing); alice's active deal won for ¥300,000,
    /// planned 30% forty days ago (overdue), 30% today (this week) and 40% in sixty days.
    static func wonDeal() throws -> (team: Team, contract: String) {
        let team = try Team()
        let s = team.sandbox
        try s.ok("user", "add", "fred", "--name", "Fred Xu", "--role", "finance")
        try s.ok("user", "add", "mia", "--name", "Mia Ma", "--role", "marketing")
        try s.ok("lead", "move", team.active, "contract")
        try s.ok("--as", "alice", "lead", "win", team.active, "--amount", "300000")
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Shanghai") ?? .current
        func day(_ offset: Int) -> String {
            let date = calendar.date(byAdding: .day, value: offset, to: Date()) ?? Date()
            return CalendarDay.containing(date, in: calendar.timeZone).description
        }
        let contract = "HT-" + team.active
        try s.ok("--as", "fred", "receivable", "plan", contract, "--due", "\(day(-40)):30%", "--due", "\(day(0)):30%", "--due", "\(day(60)):40%")
        return (team, contract)
    }

    @Test(arguments: ["en", "zh"])
    func aPaymentFromTheFinanceScreenLowersWhatIsOwed(language: String) throws {
        guard TUIEndToEndTests.available() else { return }
        let (team, contract) = try Self.wonDeal()
        let tui = try TmuxSession(team.sandbox, arguments: ["--as", "fred", "--lang", language])
        defer { tui.kill() }
        let zh = language == "zh"
        tui.waitFor(zh ? "看板" : "Board")
        try tui.press("show-receivables", in: .board)
        tui.waitFor(zh ? "本周到期" : "Due this week")
        let screen = tui.screen()
        #expect(screen.contains(zh ? "未收 ¥300,000" : "owed ¥300,000"), "\(screen)")
        #expect(screen.contains(zh ? "逾期 ¥90,000" : "overdue ¥90,000"), "\(screen)")
        #expect(screen.contains(zh ? "逾期 · 按客户" : "Overdue by customer") && screen.contains("杭州恒通科技"), "\(screen)")
        #expect(screen.contains(contract))
        // The due-this-week row names the customer beside the contract and the instalment.
        #expect(screen.split(separator: "\n").contains { $0.contains(contract) && $0.contains("杭州恒通") && $0.contains(zh ? "第2期" : "#2") },
                "\(screen)")
        try tui.press("record-payment", in: .receivables)
        tui.waitFor(zh ? "登记回款 \(contract)" : "Record payment \(contract)")
        try tui.press("submit", in: .form)
        tui.waitFor(zh ? "未收 ¥210,000" : "owed ¥210,000")
        #expect(tui.screen().contains(zh ? "尚余 ¥210,000 待收" : "¥210,000 still to collect"), "\(tui.screen())")
        #expect(tui.screen().contains(zh ? "逾期 ¥0" : "overdue ¥0"), "the oldest instalment took it:\n\(tui.screen())")
        let list = try team.sandbox.clew("contract", "list")
        #expect(list.status == 0 && list.stdout.contains("¥90,000 (30%)"), "the database has it:\n\(list.stdout)")
    }

    @Test(arguments: ["en", "zh"])
    func theCustomerScreenFiltersAndOpensACustomer(language: String) throws {
        guard TUIEndToEndTests.available() else { return }
        let (team, contract) = try Self.wonDeal()
        let tui = try TmuxSession(team.sandbox, arguments: ["--as", "fred", "--lang", language])
        defer { tui.kill() }
        let zh = language == "zh"
        tui.waitFor(zh ? "看板" : "Board")
        try tui.press("show-customers", in: .board)
        tui.waitFor("杭州恒通科技有限公司")
        try tui.press("find-customer", in: .customers)
        tui.waitFor(zh ? "查找客户" : "Find customers")
        try tui.type("恒通")
        try tui.press("submit", in: .form)
        tui.waitFor(zh ? "名称包含「恒通」" : "name contains \"恒通\"")
        try tui.press("open", in: .customers)
        tui.waitFor("王伟")
        let screen = tui.screen()
        #expect(screen.contains("王伟"), "\(screen)")
        #expect(screen.contains(contract), "\(screen)")
        #expect(screen.contains(zh ? "动态" : "Timeline"), "\(screen)")
        #expect(screen.contains(zh ? "已签" : "signed"), "\(screen)")
    }

    /// Marketing is told it may not; a rep sees her own customers' receivables.
    @Test func whoMayOpenTheFinanceScreen() throws {
        guard TUIEndToEndTests.available() else { return }
        let (team, _) = try Self.wonDeal()
        let mia = try TmuxSession(team.sandbox, arguments: ["--as", "mia", "--lang", "en"])
        defer { mia.kill() }
        mia.waitFor("Board")
        try mia.press("show-receivables", in: .board)
        mia.waitFor("Receivables are not for the marketing role")
        mia.kill()
        let alice = try TmuxSession(team.sandbox, arguments: ["--as", "alice", "--lang", "en"])
        defer { alice.kill() }
        alice.waitFor("Board")
        try alice.press("show-receivables", in: .board)
        alice.waitFor("your customers")
        #expect(alice.screen().contains("owed ¥300,000"), "\(alice.screen())")
        try alice.press("record-payment", in: .receivables)
        alice.waitFor("Finance records payments and invoices (you are rep)")
    }
}
