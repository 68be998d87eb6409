import ClewDomain
import ClewViewModel
import Foundation
import Testing

/// The dashboard in the real terminal (issue 13): a seeded database opened as a supervisor in
/// tmux, at 120×40 and 80×24, in English and Chinese. The numbers stand in their columns under
/// Chinese labels, `Enter` on a funnel bar lists as many leads as the bar counted, and the help
/// opened and closed over the dashboard leaves every character where it was.
@Suite("TUI dashboard (tmux)", .serialized)
struct TUIDashboardEndToEndTests {
    static let supervisor = "zhou.min"

    /// The text in display columns `from..<to` of `line` (a wide character counts two cells).
    static func cells(_ line: String, _ from: Int, _ to: Int) -> String {
        var column = 0
        var text = ""
        for character in line {
            let width = DisplayWidth.of(character)
            if column >= from, column + width <= to { text.append(character) }
            column += width
            if column >= to { break }
        }
        return text
    }

    /// The dashboard's rows: below the tabs, above the status line and the key bar.
    static func body(_ tui: TmuxSession) -> [String] {
        Array(tui.screen().components(separatedBy: "\n").prefix(tui.size.rows - 2).dropFirst())
    }

    /// Opens the dashboard and waits until two captures a little apart agree (the background
    /// tick's first run may change figures just after start).
    static func openDashboard(_ tui: TmuxSession, language: Language) -> [String] {
        let t = Localizer(language)
        tui.waitFor("周敏 ")   // the reader, at the title bar's end: the first frame is drawn
        try? tui.press("show-dashboard", in: .board)
        tui.waitFor(t("dash.panel.funnel"))
        var body = Self.body(tui)
        for _ in 0..<20 {
            Thread.sleep(forTimeInterval: 0.5)
            let again = Self.body(tui)
            if again == body { break }
            body = again
        }
        return body
    }

    @Test(arguments: [Language.en, .zh], [TerminalSize(columns: 120, rows: 40), TerminalSize(columns: 80, rows: 24)])
    func theDashboardInTheTerminal(language: Language, size: TerminalSize) throws {
        guard TUIEndToEndTests.available() else { return }
        let t = Localizer(language)
        let sandbox = try TUITerminalTextTests.seeded()
        let tui = try TmuxSession(sandbox, arguments: ["--as", Self.supervisor, "--lang", language.rawValue],
                                  columns: size.columns, rows: size.rows)
        defer { tui.kill() }
        let body = Self.openDashboard(tui, language: language)
        // The funnel: its heading, then a row per step; every count ends in the same column.
        let heading = try #require(body.firstIndex { $0.hasPrefix("  " + t("dash.panel.funnel")) }, "\(body.joined(separator: "\n"))")
        let names = language == .zh ? ["已登记", "有效线索", "已分配", "需求沟通", "方案呈现", "商务谈判", "合同签订", "成交"]
            : ["Registered", "Valid", "Assigned", "Discovery", "Proposal", "Negotiation", "Contract", "Won"]
        var reached: [Int] = []
        for (offset, name) in names.enumerated() {
            let line = body[heading + 1 + offset]
            #expect(Self.cells(line, 2, 16).trimmingCharacters(in: .whitespaces) == name, "\(line)")
            let count = Self.cells(line, 16, 24)
            #expect(count.count == 8 && count.hasPrefix(" "), "count column of \"\(line)\"")
            reached.append(Int(count.trimmingCharacters(in: .whitespaces)) ?? -1)
            #expect(Self.cells(line, 24, 25) == " ", "\(line)")
        }
        #expect(reached.first ?? 0 > 0, "\(reached)")
        #expect(zip(reached, reached.dropFirst()).allSatisfy { $0 >= $1 }, "the funnel never widens: \(reached)")
        // Chinese headings carry no English interface words.
        if language == .zh {
            let titles = DashboardPanel.allCases.map { t("dash.panel.\($0.rawValue)") }
            let headings = body.filter { line in titles.contains { line.hasPrefix("  " + $0) } }
            #expect(headings.count >= 3, "\(body.joined(separator: "\n"))")
            for line in headings + [body[0]] {
                #expect(TUIKeysAndLanguageTests.englishWords(in: line).isEmpty, "English in \"\(line)\"")
            }
        }
        // The help over the dashboard, then Esc: every row as it was.
        try tui.press("help", in: .dashboard)
        let rangeKey = try #require(ActionRegistry.action(named: "next-range"))
        tui.waitFor(DisplayWidth.truncate(rangeKey.description(in: language), to: size.columns - 20).replacingOccurrences(of: "…", with: ""))
        try tui.press("back", in: .help)
        TUITerminalTextTests.expectBody(tui, equals: body.joined(separator: "\n"), rows: size.rows, after: "help and Esc")
        // Enter on "assigned" lists as many leads as the bar counted.
        try tui.press("move-down", in: .dashboard)
        try tui.press("move-down", in: .dashboard)
        tui.waitUntil("the cursor on the third step") { Self.cells($0.components(separatedBy: "\n")[heading + 4], 0, 1) == ">" }
        let focused = Self.body(tui).joined(separator: "\n")
        try tui.press("open", in: .dashboard)
        let title = t("dash.drill.title", t("dash.slice.funnel", names[2]), reached[2])
        tui.waitFor(title)
        let list = Self.body(tui)
        let rows = list.filter { $0.range(of: #"XL-\d{8}-\d+"#, options: .regularExpression) != nil }
        #expect(rows.count == min(reached[2], size.rows - 5), "\(list.joined(separator: "\n"))")
        // Esc goes back to the charts, unchanged.
        try tui.press("back", in: .dashboard)
        TUITerminalTextTests.expectBody(tui, equals: focused, rows: size.rows, after: "the list and Esc")
        #expect(tui.format("#{pane_dead}") == "0")
    }

    @Test func asciiChartsWhenAskedFor() throws {
        guard TUIEndToEndTests.available() else { return }
        let sandbox = try TUITerminalTextTests.seeded()
        let tui = try TmuxSession(sandbox, arguments: ["--as", Self.supervisor, "--lang", "zh", "--charts", "ascii"])
        defer { tui.kill() }
        let body = Self.openDashboard(tui, language: .zh)
        let registered = try #require(body.first { $0.contains("已登记") })
        #expect(registered.contains("#"), "\(registered)")
        #expect(!registered.contains("█"), "\(registered)")
    }
    /// Another user's payment (回款) moves the open dashboard without a key: finance records
    /// money on a campaign's won deal from another process and, within the poll, the
    /// campaign's return on cost on the screen is the one `clew report campaigns` now gives
    /// for the same dates (the fix: a dashboard read counts as a reload, so the frame is drawn).
    @Test func aPaymentFromAnotherProcessRedrawsTheOpenDashboard() throws {
        guard TUIEndToEndTests.available() else { return }
        let sandbox = try TUITerminalTextTests.seeded()
        // The catch-up tick first, so no commit of the TUI's own ticker redraws the frame.
        try sandbox.ok("--as", "root", "tick")
        let tui = try TmuxSession(sandbox, arguments: ["--as", Self.supervisor, "--lang", "zh"])
        defer { tui.kill() }
        _ = Self.openDashboard(tui, language: .zh)
        try tui.press("toggle-campaigns", in: .dashboard)
        tui.waitFor("营销活动")
        // The dates the dashboard shows, asked of the report for the same figures.
        let header = Self.body(tui)[0]
        let dates = header.matches(of: /\d{4}-\d{2}-\d{2}/).map { String($0.output) }
        try #require(dates.count == 2, "\(header)")
        func campaigns() throws -> [[String: Any]] {
            let result = try sandbox.clew("--as", Self.supervisor, "report", "campaigns", "--from", dates[0], "--to", dates[1], "--format", "json")
            #expect(result.status == 0, "\(result)")
            let body = try #require((try result.json() as? [String: Any])?["body"] as? [String: Any])
            return try #require(body["lines"] as? [[String: Any]])
        }
        let fen = { (line: [String: Any], key: String) in (line[key] as? [String: Any])?["fen"] as? Int ?? 0 }
        let line = try #require(try campaigns().first { ($0["won"] as? Int ?? 0) > 0 && $0["cost"] != nil && fen($0, "received") == 0 },
                                "a campaign with a win and nothing received yet")
        let name = try #require(line["key"] as? String)
        let label = DisplayWidth.truncate(name, to: 14).replacingOccurrences(of: "…", with: "")
        let row = { (screen: String) in screen.components(separatedBy: "\n").first { $0.hasPrefix("  " + label) } ?? "" }
        let before = row(tui.screen())
        #expect(before.hasSuffix("-100%") || before.contains("-100%  "), "nothing received yet: \(before)")

        // Finance records half of each of the campaign's won deals, in other processes.
        let won = try sandbox.clew("--as", "root", "lead", "list", "--status", "won", "--campaign", name, "--json")
        let leads = try #require(try won.json() as? [[String: Any]])
        var paid = 0
        for lead in leads {
            guard let number = lead["number"] as? String, let amount = lead["amount"] as? Int ?? lead["wonAmount"] as? Int else { continue }
            let payment = try sandbox.clew("--as", "huang.li", "payment", "add", "HT-" + number, String(max(1, amount / 2)))
            if payment.status == 0 { paid += 1 }
        }
        try #require(paid > 0, "\(leads)")
        let after = try #require(try campaigns().first { $0["key"] as? String == name })
        let roi = try #require(after["roi"] as? Double)
        let expected = "\(Int((roi * 100).rounded()))%"
        #expect(expected != "-100%")
        tui.waitUntil("the campaign's return on the received money", timeout: 10) { row($0).contains(" \(expected)  ") }
        #expect(tui.format("#{pane_dead}") == "0")
    }
}


extension KeyAction {
    /// The help screen's text for the action in `language`.
    func description(in language: Language) -> String { language == .zh ? chineseDescription : description }
}
