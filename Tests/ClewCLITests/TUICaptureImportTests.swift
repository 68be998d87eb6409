import Foundation
import Testing

/// Issue 17 in the real terminal, Chinese and English: a lead imported with a capture time long
/// before the import shows it (with its year) and that it was registered late; the company
/// field the import could not read is on its own line as the custom field it was set aside as.
@Suite("TUI: an imported capture time and a set-aside company field (tmux)", .serialized)
struct TUICaptureImportTests {
    @Test(arguments: ["zh", "en"])
    func theDetailShowsTheCaptureTimeAndTheSetAsideValue(language: String) throws {
        guard TUIEndToEndTests.available() else { return }
        let team = try TUIEndToEndTests.Team()
        let csv = """
            客户名称,联系人,手机,所属行业,需求描述,线索来源,城市,获取时间,规模,企业性质
            苏州锦程电子有限公司,周敏,13800138061,制造业,需采购MES,展会,苏州,2025-06-02 10:00,100-499人,民企

            """
        try csv.write(toFile: team.sandbox.directory + "/leads.csv", atomically: true, encoding: .utf8)
        #expect(try team.sandbox.ok("import", "leads.csv").contains("1 value set aside"))
        let listed = try team.sandbox.ok("lead", "list", "--flag", "late-registration")
        let number = try #require(listed.split(whereSeparator: \.isWhitespace).first { $0.hasPrefix("XL-") }).description
        let tui = try TmuxSession(team.sandbox, arguments: ["--lang", language], columns: 120, rows: 40)
        defer { tui.kill() }
        _ = tui.waitFor("杭州恒通科技有限公司")
        try tui.press("command", in: .board)
        try tui.type("open \(number)")
        try tui.send([.enter])
        #expect(tui.waitFor("┌─ \(number)"), "\(tui.screen())")
        let zh = language == "zh"
        #expect(tui.waitFor(zh ? "获取时间" : "Captured"), "\(tui.screen())")
        let screen = tui.screen()
        for text in ["2025-06-02 10:00", zh ? "登记超时" : "registered late", "规模", "100-499人", zh ? "民企" : "Private"] {
            #expect(screen.contains(text), "\(text) in the detail:\n\(screen)")
        }
    }
}
