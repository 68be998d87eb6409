import Foundation
import Testing

/// Tag dimensions in the real terminal, in Chinese: the tag form (`T`) refuses a value the process
/// file does not list with "did you mean", takes a listed one, and the detail shows it.
@Suite("TUI: tag dimensions (tmux, zh)", .serialized)
struct TUIProcessChoicesTests {
    @Test func theTagFormRefusesAnUnlistedDimensionValueInChineseAndTakesAListedOne() throws {
        guard TUIEndToEndTests.available() else { return }
        let team = try TUIEndToEndTests.Team()
        let tui = try TmuxSession(team.sandbox, arguments: ["--as", "alice", "--lang", "zh"], columns: 120, rows: 40)
        defer { tui.kill() }
        tui.waitFor("杭州恒通科技有限公司")
        try tui.press("move-right", in: .board)
        try tui.press("tag", in: .board)
        tui.waitFor(team.active)
        try tui.type("客户类型=高潜")
        try tui.press("submit", in: .form)
        #expect(tui.waitFor("您是不是要输入「高潜力」"), "\(tui.screen())")
        #expect(try team.lead(team.active)["tags"] as? [String] == [], "nothing was tagged")
        // Fix the value: the listed one is taken.
        try tui.send([.backspace])
        try tui.type("潜力")
        try tui.press("submit", in: .form)
        #expect(tui.waitFor("客户类型=高潜力"), "\(tui.screen())")
        #expect(try team.lead(team.active)["tags"] as? [String] == ["客户类型=高潜力"])
    }
}
