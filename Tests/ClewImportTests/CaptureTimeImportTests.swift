import ClewDomain
import ClewServices
@testable import ClewStore
import Foundation
import GRDB
import Testing

/// Issue 17: the capture time (获取时间) as an import and export column, read as
/// `clew lead add --captured-at` reads it, with the late-registration flag of seed 004; and the
/// tags a tag-dimension column gives as tag records.
@Suite("Capture time and dimension tags through import and export")
struct CaptureTimeImportTests {
    /// The fixture's clock: Monday 2026-11-23 10:00 Shanghai.
    static func at(_ text: String) throws -> Date {
        try DateExpression.parse(text, now: ImportFixture.now, timeZone: ImportFixture.timeZone)
    }

    @Test func captureTimeColumnsInChineseAndEnglishAreStoredAndFlagLateRegistration() throws {
        let f = try ImportFixture()
        // 09:00 today is one working hour ago; Friday 14:00 is four (Fri 14–18), over the two of seed 004.
        let text = """
            客户名称,电话,获取时间
            甲公司,13900003331,2026-11-23 09:00
            乙公司,13900003332,2026/11/20 14:00:00
            丙公司,13900003333,2026年11月20日 14:00
            丁公司,13900003334,
            """
        let summary = try f.run(try f.csv("captured.csv", text))
        #expect((summary.inserted, summary.rejected) == (4, 0), "\(summary.rejects)")
        #expect(summary.columns["获取时间"] == nil && summary.customFields.isEmpty && summary.ignoredColumns.isEmpty)
        #expect(summary.flags["late-registration"] == 2 && summary.flagged == 2)
        let first = try #require(try f.lead(phone: "13900003331"))
        #expect(first.capturedAt == (try Self.at("2026-11-23 09:00")) && !first.flags.contains(.lateRegistration))
        let second = try #require(try f.lead(phone: "13900003332"))
        #expect(second.capturedAt == (try Self.at("2026-11-20 14:00")) && second.flags.contains(.lateRegistration))
        #expect(try #require(try f.lead(phone: "13900003333")).flags.contains(.lateRegistration))
        #expect(try #require(try f.lead(phone: "13900003334")).capturedAt == nil)
        var late = LeadQuery()
        late.leadFlags = [.lateRegistration]
        #expect(try f.leads().list(late).compactMap(\.details.customer).sorted() == ["丙公司", "乙公司"])
        // The detail shows it, as for `lead add --captured-at`.
        #expect(try f.leads().detail(second.number.description).capturedAt == second.capturedAt)

        for header in ["captured at", "Captured_At", "获取日期", "采集时间", "capturedAt", "获取时间(capturedAt)"] {
            let g = try ImportFixture(team: false)
            let s = try g.run(try g.csv("h.csv", "Company,Phone,\(header)\n戊公司,13900003335,2026-11-23 09:30\n"))
            #expect(s.inserted == 1 && s.customFields.isEmpty, "\(header)")
            #expect(try g.lead(phone: "13900003335")?.capturedAt == (try Self.at("2026-11-23 09:30")), "\(header)")
        }
    }

    @Test func aCaptureTimeInTheFutureOrUnreadableRejectsItsRowNamingTheColumn() throws {
        let f = try ImportFixture()
        let text = """
            客户名称,电话,获取时间
            甲公司,13900004441,2026-11-24 09:00
            乙公司,13900004442,下周一
            丙公司,13900004443,2026-11-23 09:59
            """
        let summary = try f.run(try f.csv("bad.csv", text))
        #expect((summary.inserted, summary.rejected) == (1, 2))
        #expect(summary.rejects.map(\.line) == [2, 3])
        #expect(summary.rejects[0].reason.hasPrefix("获取时间: captured at 2026-11-24") && summary.rejects[0].reason.contains("in the future"), "\(summary.rejects)")
        #expect(summary.rejects[0].reason.contains("晚于当前时间"))
        #expect(summary.rejects[1].reason.hasPrefix("获取时间: cannot read '下周一' as a capture time") && summary.rejects[1].reason.contains("无法识别"), "\(summary.rejects)")
        // The rejects file has the rows with the reason, to fix and import again.
        let rejects = try String(contentsOfFile: try #require(summary.rejectsFile), encoding: .utf8)
        #expect(rejects.contains("下周一") && rejects.contains("2026-11-24 09:00"))
    }

    @Test func exportWritesTheCaptureTimeAndAnExportedFileImportsItBack() throws {
        let f = try ImportFixture()
        try f.run(try f.csv("a.csv", "客户名称,电话,获取时间\n甲公司,13900005551,2026-11-20 14:00\n"))
        let lead = try #require(try f.lead(phone: "13900005551"))
        let export = ExportService(context: f.context, actor: try f.actor("admin"))
        let header = export.header(.leads)
        #expect(header.contains("capturedAt"))
        var rows: [[String]] = []
        try export.rows(.leads, query: LeadQuery()) { rows.append($0) }
        let row = Dictionary(uniqueKeysWithValues: zip(header, try #require(rows.first)))
        #expect(row["capturedAt"] == "2026-11-20 14:00")
        let path = f.directory.appendingPathComponent("out.csv").path
        #expect(try ExportRoundTripTests.export(f, .csv, to: path) == 1)
        let target = try ImportFixture(team: false)
        let summary = try target.run(path)
        #expect(summary.inserted == 1 && summary.customFields.isEmpty && summary.rejected == 0)
        let copy = try #require(try target.lead(phone: "13900005551"))
        #expect(copy.capturedAt == lead.capturedAt && copy.flags.contains(.lateRegistration))
    }

    @Test func aDimensionColumnMakesTagRecordsAsLeadTagAddDoes() throws {
        let f = try ImportFixture()
        let summary = try f.run(try f.csv("t.csv", "客户名称,电话,客户类型\n甲公司,13900006661,高潜力\n乙公司,13900006662,\n"))
        #expect(summary.inserted == 2 && summary.dimensionColumns == ["客户类型"])
        let lead = try #require(try f.lead(phone: "13900006661"))
        let tags = try TagService(context: f.context, actor: try f.actor("admin")).tags(of: lead.number.description)
        #expect(tags.map(\.name) == ["客户类型=高潜力"] && tags.first?.addedBy == "admin" && tags.first?.addedAt == ImportFixture.now)
        #expect(try f.count("SELECT count(*) FROM lead_tag WHERE tag = '客户类型=高潜力' AND removed_at IS NULL") == 1)
        #expect(try f.count("SELECT count(*) FROM audit WHERE entity = 'lead_tag' AND action = 'tag' AND new = '客户类型=高潜力'") == 1)
        var query = LeadQuery()
        query.tag = "客户类型=高潜力"
        #expect(try f.leads().list(query).map(\.number) == [lead.number])
        // Taking it off by hand is one more change of that record, as for a tag put on by hand.
        try TagService(context: f.context, actor: try f.actor("admin")).remove(["客户类型=高潜力"], from: lead.number.description)
        #expect(try f.count("SELECT count(*) FROM lead_tag WHERE removed_by = 'admin'") == 1)
        // Undo removes the leads with their tag records.
        let other = try f.run(try f.csv("u.csv", "客户名称,电话,客户类型\n丙公司,13900006663,投诉\n"))
        _ = try f.importer().undo(try #require(other.id))
        #expect(try f.count("SELECT count(*) FROM lead_tag WHERE tag = '客户类型=投诉'") == 0)
    }
}
