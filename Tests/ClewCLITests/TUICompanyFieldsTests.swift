import Foundation
import Testing

/// Company fields and tag dimensions in the real terminal, in Chinese and English: the edit form
/// takes headcount, revenue, company type (a choice), founding year and decision chain, points at
/// a wrong year inline, and the detail pane shows them, each tag dimension on its own line;
/// `:filter` takes a dimension by name and a company type.
@Suite("TUI: company fields and tag dimensions (tmux)", .serialized)
struct TUICompanyFieldsTests {
    @Test(arguments: ["zh", "en"])
    func theEditFormTakesTheCompanyFieldsAndTheDetailShowsThem(language: String) throws {
        guard TUIEndToEndTests.available() else { return }
        let team = try TUIEndToEndTests.Team()
        let zh = language == "zh"
        // 30 rows: the 17-field form is taller than the screen, so it scrolls to the focused field.
        let tui = try TmuxSession(team.sandbox, arguments: ["--as", "alice", "--lang", language], columns: 120, rows: 30)
        defer { tui.kill() }
        tui.waitFor("杭州恒通科技有限公司")
        try tui.press("move-right", in: .board)
        try tui.press("open", in: .board)
        tui.waitFor("┌─ \(team.active)")
        try tui.press("edit-lead", in: .detail)
        tui.waitFor(team.active)
        for _ in 0..<12 { try tui.press("next-field", in: .form) } // customer → … → budget → employees
        try tui.type("800人")
        try tui.press("next-field", in: .form)
        try tui.type("2.5亿")
        try tui.press("next-field", in: .form)
        try tui.send([.right])                                       // company type: — → 国企
        #expect(tui.waitFor(zh ? "‹ 国企 ›" : "‹ State-owned ›"), "\(tui.screen())")
        try tui.press("next-field", in: .form)
        try tui.type("2030")
        try tui.press("next-field", in: .form)
        try tui.type("采购经理->技术总监->总经理")
        try tui.press("submit", in: .form)
        // A year after this one is refused on its own line; nothing is saved.
        #expect(tui.waitFor(zh ? "成立年份「2030」无效" : "founded '2030' is not a year"), "\(tui.screen())")
        #expect(try team.lead(team.active)["employees"] is NSNull)
        for _ in 0..<4 { try tui.send([.backspace]) }
        try tui.type("2008")
        try tui.press("submit", in: .form)
        #expect(tui.waitFor(zh ? "采购经理→技术总监→总经理" : "采购经理→技术总监→总经理"), "\(tui.screen())")
        let screen = tui.screen()
        for text in zh ? ["员工人数", "800", "年营收", "¥2.5亿", "企业性质", "国企", "成立年份", "2008", "决策链"]
            : ["Employees", "800", "Revenue", "¥2.5亿", "Ownership", "State-owned", "Founded", "2008", "Deciders"] {
            #expect(screen.contains(text), "\(text) in the detail:\n\(screen)")
        }
        let lead = try team.lead(team.active)
        #expect(lead["employees"] as? Int == 800)
        #expect(lead["revenue"] as? Double == 250_000_000)
        #expect(lead["companyType"] as? String == "state-owned")
        #expect(lead["founded"] as? Int == 2008)
        #expect(lead["decisionChain"] as? String == "采购经理→技术总监→总经理")
    }

    @Test func aDimensionHasItsOwnLineAPickListAndFiltersWithoutTheTagPrefix() throws {
        guard TUIEndToEndTests.available() else { return }
        let team = try TUIEndToEndTests.Team()
        try team.sandbox.ok("--as", "alice", "lead", "tag", team.active, "add", "客户类型=高潜力")
        try team.sandbox.ok("lead", "edit", team.waiting, "--company-type", "外企")
        let tui = try TmuxSession(team.sandbox, arguments: ["--as", "alice", "--lang", "zh"], columns: 120, rows: 40)
        defer { tui.kill() }
        tui.waitFor("杭州恒通科技有限公司")
        try tui.press("command", in: .board)
        try tui.type("filter 客户类型=高潜力")
        try tui.send([.enter])
        #expect(tui.waitFor("客户类型=高潜力"), "\(tui.screen())")
        #expect(tui.waitForAbsence(of: "上海云帆信息技术有限公司"), "only the tagged lead is left:\n\(tui.screen())")
        #expect(tui.screen().contains("杭州恒通科技有限公司"))
        try tui.press("command", in: .board)
        try tui.type("filter clear")
        try tui.send([.enter])
        tui.waitFor("上海云帆信息技术有限公司")
        try tui.press("command", in: .board)
        try tui.type("filter company-type=外企")
        try tui.send([.enter])
        #expect(tui.waitFor("企业性质=外企"), "\(tui.screen())")
        #expect(tui.waitForAbsence(of: "杭州恒通科技有限公司"), "\(tui.screen())")
        try tui.press("command", in: .board)
        try tui.type("filter clear")
        try tui.send([.enter])
        tui.waitFor("杭州恒通科技有限公司")
        // The detail: the dimension on its own line; the tag form offers its values.
        try tui.press("move-right", in: .board)
        try tui.press("open", in: .board)
        tui.waitFor("┌─ \(team.active)")
        let detail = tui.screen()
        #expect(detail.split(separator: "\n").contains { $0.contains("客户类型") && $0.contains("高潜力") && !$0.contains("⚑") },
                "客户类型 has a line of its own:\n\(detail)")
        try tui.press("tag", in: .detail)
        #expect(tui.waitFor("‹ 高潜力 ›"), "\(tui.screen())")
        try tui.press("next-field", in: .form)
        try tui.press("next-field", in: .form)
        try tui.send([.right])
        #expect(tui.waitFor("‹ 长期合作 ›"), "\(tui.screen())")
        try tui.press("submit", in: .form)
        tui.waitForAbsence(of: "‹ 长期合作 ›")
        #expect(try team.lead(team.active)["tags"] as? [String] == ["客户类型=长期合作"])
    }
}
