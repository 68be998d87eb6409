import Foundation
import Testing

/// Issue 17 through the real binary: the capture time (获取时间) as an import and export column,
/// company fields that cannot be read set aside with a warning, and a tag-dimension column's
/// tags as tag records.
@Suite("CLI: capture time, set-aside company fields and dimension tags on import", .enabled(if: CLI.binaryExists, "build the clew binary first"))
struct CLICaptureImportTests {
    static let csv = """
        客户名称,联系人,手机,所属行业,需求描述,线索来源,城市,获取时间,规模,企业性质,客户类型
        苏州锦程电子有限公司,周敏,13800138051,制造业,需采购MES,展会,苏州,2025-06-02 10:00,100-499人,民企,高潜力
        无锡安泰物流有限公司,钱进,13800138052,物流,需采购TMS,官网,无锡,now,300,国有企业,
        常州博远能源有限公司,孙丽,13800138053,能源,需采购EMS,官网,常州,2099-01-01 09:00,,,
        南通嘉禾贸易有限公司,李娜,13800138054,贸易,需采购CRM,官网,南通,下周一,,,

        """

    @Test func importReadsTheCaptureTimeSetsAsideWhatItCannotReadAndTagsByDimension() throws {
        let s = try CLISandbox()
        try s.initWithTeam()
        try Self.csv.write(toFile: s.directory + "/leads.csv", atomically: true, encoding: .utf8)
        let result = try s.clew("import", "leads.csv")
        #expect(result.status == 0, "\(result)")
        let out = result.stdout
        #expect(out.contains("4 rows: 2 new leads, 0 merged into existing leads, 2 rejected"), "\(out)")
        #expect(out.contains("1 flagged, 1 value set aside") && out.contains("Flagged: late-registration 1"), "\(out)")
        #expect(out.contains("leads.csv line 2, 规模 (employees): '100-499人' kept as a custom field"), "\(out)")
        let rejects = try String(contentsOfFile: s.directory + "/leads.rejects.csv", encoding: .utf8)
        #expect(rejects.contains("获取时间: captured at 2099-01-01") && rejects.contains("in the future"), "\(rejects)")
        #expect(rejects.contains("获取时间: cannot read '下周一' as a capture time"), "\(rejects)")

        let late = try s.ok("lead", "list", "--flag", "late-registration")
        #expect(late.contains("苏州锦程") && !late.contains("无锡安泰"), "\(late)")
        let number = try #require(late.split(whereSeparator: \.isWhitespace).first { $0.hasPrefix("XL-") }).description
        let shown = try s.ok("lead", "show", number)
        #expect(shown.contains("2025-06-02 10:00") && shown.contains("registered late"), "\(shown)")
        #expect(shown.contains("规模") && shown.contains("100-499人"), "the set-aside value is a custom field:\n\(shown)")
        // The dimension's value is a tag record by the importer, found by --tag.
        #expect(try s.ok("lead", "list", "--tag", "客户类型=高潜力").contains(number))
        let tags = try s.ok("lead", "tag", number)
        #expect(tags.contains("客户类型=高潜力") && tags.contains("root"), "\(tags)")
        #expect(try s.ok("audit", "--action", "tag").contains("lead_tag"))

        // Export writes it; the exported file imports into another database with it.
        try s.ok("export", "leads", "--output", "out.csv")
        let exported = try String(contentsOfFile: s.directory + "/out.csv", encoding: .utf8)
        #expect(exported.contains("capturedAt") && exported.contains("2025-06-02 10:00"), "\(exported)")
        let other = try CLISandbox()
        try other.ok("init", "--name", "Other Admin")
        try FileManager.default.copyItem(atPath: s.directory + "/out.csv", toPath: other.directory + "/out.csv")
        let again = try other.ok("import", "out.csv")
        #expect(again.contains("2 new leads") && !again.contains("custom fields: capturedAt"), "\(again)")
        let copied = try other.ok("lead", "list", "--flag", "late-registration")
        #expect(copied.contains("苏州锦程"), "\(copied)")
    }
}
