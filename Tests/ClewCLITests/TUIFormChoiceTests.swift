import Foundation
import Testing

/// Choice fields in the real terminal: the lost reason offers the standard reasons with ←/→ and
/// takes the rep's own words; the grade stays one of A, B and C whatever is typed.
@Suite("TUI: choice fields in forms (tmux)", .serialized)
struct TUIFormChoiceTests {
    @Test func theLostReasonOffersTheStandardOnesAndTakesTheRepsOwnWords() throws {
        guard TUIEndToEndTests.available() else { return }
        let team = try TUIEndToEndTests.Team()
        let tui = try TmuxSession(team.sandbox, arguments: ["--as", "alice", "--lang", "zh"], columns: 120, rows: 30)
        defer { tui.kill() }
        tui.waitFor("杭州恒通科技有限公司")
        try tui.press("move-right", in: .board)
        try tui.press("lose", in: .board)
        #expect(tui.waitFor("←/→ 客户放弃 · 预算不足"), "the open choice says what ←/→ offers:\n\(tui.screen())")
        try tui.send([.right, .right])
        #expect(tui.waitFor("预算不足"), "\(tui.screen())")
        #expect(tui.waitForAbsence(of: "←/→ 客户放弃"), "\(tui.screen())")
        for _ in 0..<4 { try tui.send([.backspace]) }
        try tui.type("总部统一采购")
        #expect(tui.waitFor("总部统一采购"), "typed text is kept, not replaced by a choice:\n\(tui.screen())")
        try tui.press("submit", in: .form)
        #expect(tui.waitFor("已终止:总部统一采购"), "\(tui.screen())")
        let lead = try team.lead(team.active)
        #expect(lead["status"] as? String == "lost")
        #expect(lead["lostReason"] as? String == "总部统一采购")
    }

    @Test func theGradeIgnoresWhatPicksNoGrade() throws {
        guard TUIEndToEndTests.available() else { return }
        let team = try TUIEndToEndTests.Team()
        let tui = try TmuxSession(team.sandbox, arguments: ["--as", "bob", "--lang", "en"], columns: 120, rows: 30)
        defer { tui.kill() }
        tui.waitFor("杭州恒通科技有限公司")
        try tui.press("move-right", in: .board) // screening → assigned: the waiting lead, graded B
        try tui.press("grade", in: .board)
        #expect(tui.waitFor("‹ B ›"), "\(tui.screen())")
        try tui.type("预x")
        try tui.type("c")
        #expect(tui.waitFor("‹ C ›"), "\(tui.screen())")
        #expect(!tui.screen().contains("预"), "a character that picks no grade is not inserted:\n\(tui.screen())")
        try tui.press("next-field", in: .form)
        try tui.type("预算待定")
        try tui.press("submit", in: .form)
        #expect(tui.waitFor("\(team.waiting) graded C"), "\(tui.screen())")
        #expect(try team.lead(team.waiting)["grade"] as? String == "C")
    }
}
