import ClewDomain
import ClewViewModel
import Foundation
import Testing

/// Issue 16 in tmux, in English and Chinese: the pools screen, live search and the stale-edit merge.
@Suite("TUI finding work (tmux)", .serialized)
struct TUIFindingWorkTests {
    typealias Team = TUIEndToEndTests.Team

    /// `/` shows results while typing, with the field that matched; no Enter needed.
    @Test(arguments: ["en", "zh"])
    func liveSearchShowsTheMatchedField(language: String) throws {
        guard TUIEndToEndTests.available() else { return }
        let team = try Team()
        let tui = try TmuxSession(team.sandbox, arguments: ["--as", "alice", "--lang", language])
        defer { tui.kill() }
        tui.waitFor("杭州恒通科技有限公司")
        try tui.press("search", in: .board)
        try tui.type("恒通")
        tui.waitFor(language == "zh" ? "客户: 杭州恒通科技有限公司" : "customer: 杭州恒通科技有限公司")
        let screen = tui.screen()
        #expect(screen.contains(team.active))
        #expect(!screen.contains("上海云帆信息技术有限公司"), "the list narrows as you type:\n\(screen)")
        try tui.type("X")
        tui.waitForAbsence(of: team.active)
    }

    /// `4` shows alice's pool with its count and the daily limit; `c` asks with the limit, then claims.
    @Test(arguments: ["en", "zh"])
    func poolsScreenClaimsWithTheDailyLimitShown(language: String) throws {
        guard TUIEndToEndTests.available() else { return }
        let team = try Team()
        try team.sandbox.ok("--as", "alice", "lead", "return", team.active, "--reason", "客户暂无预算")
        let tui = try TmuxSession(team.sandbox, arguments: ["--as", "alice", "--lang", language])
        defer { tui.kill() }
        tui.waitFor(language == "zh" ? "看板" : "Board")
        try tui.press("show-pools", in: .board)
        tui.waitFor(team.active)
        #expect(tui.screen().contains(language == "zh" ? "今日已领 0/10" : "0/10 claimed today"), "\(tui.screen())")
        try tui.press("claim", in: .pools)
        tui.waitFor(language == "zh" ? "从 east 领取 \(team.active)？（今日已领 0/10）" : "Claim \(team.active) from east? (0/10 claimed today)")
        try tui.type("y")
        tui.waitFor(language == "zh" ? "\(team.active) 已领取" : "\(team.active) is yours")
        #expect(try team.lead(team.active)["owner"] as? String == "alice")
        tui.waitFor(language == "zh" ? "今日已领 1/10" : "1/10 claimed today")
    }

    /// A rep's pool list ends with "my claims"; there `p` returns a claimed lead with a reason.
    @Test(arguments: ["en", "zh"])
    func myClaimsReturnsALeadToItsPool(language: String) throws {
        guard TUIEndToEndTests.available() else { return }
        let team = try Team()
        try team.sandbox.ok("--as", "alice", "lead", "return", team.active, "--reason", "客户暂无预算")
        try team.sandbox.ok("--as", "alice", "lead", "claim", team.active)
        let tui = try TmuxSession(team.sandbox, arguments: ["--as", "alice", "--lang", language])
        defer { tui.kill() }
        tui.waitFor(language == "zh" ? "看板" : "Board")
        try tui.press("show-pools", in: .board)
        tui.waitFor(language == "zh" ? "我领取的" : "my claims")
        try tui.press("next-pane", in: .pools)
        try tui.press("move-down", in: .pools)
        try tui.press("next-pane", in: .pools)
        tui.waitFor(team.active)
        try tui.press("return-to-pool", in: .pools)
        tui.waitFor(language == "zh" ? "原因" : "reason")
        try tui.type("预算冻结到明年")
        try tui.press("submit", in: .form)
        tui.waitFor(language == "zh" ? "\(team.active) 已退回线索池 east" : "\(team.active) returned to pool east")
        let lead = try team.lead(team.active)
        #expect(lead["status"] as? String == "pooled")
        #expect(lead["owner"] == nil || lead["owner"] is NSNull)
    }

    /// Someone else saves the lead while alice edits it: the form takes their contact, keeps her
    /// typing, says so, and saves on the next submit.
    @Test(arguments: ["en", "zh"])
    func staleEditMergesInTheForm(language: String) throws {
        guard TUIEndToEndTests.available() else { return }
        let team = try Team()
        let tui = try TmuxSession(team.sandbox, arguments: ["--as", "alice", "--lang", language])
        defer { tui.kill() }
        tui.waitFor("杭州恒通科技有限公司")
        try tui.press("move-right", in: .board)
        try tui.press("open", in: .board)
        tui.waitFor("┌─ \(team.active)")
        try tui.press("edit-lead", in: .detail)
        tui.waitFor(team.active)
        for _ in 0..<6 { try tui.press("next-field", in: .form) } // customer → … → need
        try tui.type("，两周内决策")
        tui.waitFor("两周内决策")
        try team.sandbox.ok("lead", "edit", team.active, "--contact", "李娜")
        try tui.press("submit", in: .form)
        tui.waitFor(language == "zh" ? "刚保存过这条线索" : "saved this lead meanwhile")
        let merged = tui.screen()
        #expect(merged.contains("李娜"), "their contact is in the form:\n\(merged)")
        #expect(merged.contains("两周内决策"), "alice's typing stays:\n\(merged)")
        #expect(merged.contains(language == "zh" ? "刚改过这一项" : "changed by"), "\(merged)")
        try tui.press("submit", in: .form)
        tui.waitForAbsence(of: language == "zh" ? "刚保存过这条线索" : "saved this lead meanwhile")
        let lead = try team.lead(team.active)
        #expect(lead["contact"] as? String == "李娜")
        #expect((lead["need"] as? String)?.hasSuffix("，两周内决策") == true, "\(lead["need"] ?? "nil")")
    }
}
