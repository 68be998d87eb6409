import ClewServices
@testable import ClewStore
import Foundation
import Testing

/// A workbook of several sheets (a report with more than one table) reads back sheet by sheet.
@Suite("xlsx with several sheets")
struct XLSXSheetsTests {
    @Test func eachTableIsASheetOfItsOwn() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("clew-sheets-\(UUID().uuidString).xlsx")
        defer { try? FileManager.default.removeItem(at: url) }
        let writer = try XLSXWriter(sheetName: "reps")
        try writer.write(["Reps 销售业绩 · 2026-11-01 … 2026-11-30 · scope all", "source=展会"])
        try writer.write(["REP", "RECEIVED"])
        try writer.write(["alice", "4"])
        try writer.addSheet(named: "teams")
        try writer.write(["Reps 销售业绩 · 2026-11-01 … 2026-11-30 · scope all", "source=展会"])
        try writer.write(["SUPERVISOR", "REPS"])
        try writer.finish(to: url)

        let workbook = try XLSXReader(url: url, file: "report.xlsx")
        #expect(workbook.sheets.map(\.name) == ["reps", "teams"])
        let reps = try workbook.records(of: try workbook.sheet(named: "reps")).map(\.cells)
        #expect(reps == [["Reps 销售业绩 · 2026-11-01 … 2026-11-30 · scope all", "source=展会"], ["REP", "RECEIVED"], ["alice", "4"]])
        let teams = try workbook.records(of: try workbook.sheet(named: "teams")).map(\.cells)
        #expect(teams.count == 2 && teams[1] == ["SUPERVISOR", "REPS"])
    }
}
