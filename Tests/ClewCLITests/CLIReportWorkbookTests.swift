import ClewServices
@testable import ClewStore
import Foundation
import Testing

/// `clew report … --format xlsx`: one sheet per table of the report, each under the title row.
@Suite("CLI report workbooks", .enabled(if: CLI.binaryExists, "build the clew binary first"))
struct CLIReportWorkbookTests {
    @Test func theRepsReportHasASheetForTheRepsAndOneForTheTeams() throws {
        let s = try CLISandbox()
        try s.initWithTeam()
        try s.ok("target", "set", "team:bob", "2026-Q4", "--won-amount", "300万")
        let path = s.directory + "/reps.xlsx"
        try s.ok("report", "reps", "--from=-30d", "--scope", "all", "--region", "华东", "--format", "xlsx", "-o", path)
        let workbook = try XLSXReader(url: URL(fileURLWithPath: path), file: "reps.xlsx")
        #expect(workbook.sheets.map(\.name) == ["reps", "teams"])
        for sheet in workbook.sheets {
            let records = try workbook.records(of: sheet).map(\.cells)
            #expect(records.first?.first?.hasPrefix("Reps 销售业绩") == true && records.first?.last == "region=华东", "\(sheet.name)")
        }
        let teams = try workbook.records(of: try workbook.sheet(named: "teams")).map(\.cells)
        #expect(teams[1].first == "SUPERVISOR" && teams.contains { $0.first == "bob" })
    }
}
