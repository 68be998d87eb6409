import Foundation
import Testing

/// Limits on what the command line takes (issue 12 §3): refused with one clear line.
@Suite("CLI limits", .enabled(if: CLI.binaryExists, "build the clew binary first"))
struct CLILimitTests {
    @Test func aHolidayRangeOverAYearIsRefusedAndAddsNothing() throws {
        let s = try CLISandbox()
        try s.ok("init", "--name", "Root Admin")
        expectUserError(try s.clew("holiday", "add", "2026-01-01..2999-12-31"), containing: ["covers 355746 days", "at most 366 days"])
        expectUserError(try s.clew("holiday", "add", "2026-10-07..2026-10-01"), containing: ["ends before it starts"])
        #expect(try s.ok("holiday", "list").contains("No holidays set"))
        #expect(try s.ok("holiday", "add", "2026-10-01..2026-10-07", "--name", "国庆节") == "7 days off added.\n")
    }

    @Test func countsAndPagesAreChecked() throws {
        let s = try CLISandbox()
        try s.ok("init", "--name", "Root Admin")
        expectUserError(try s.clew("import", "list", "--limit", "0"), containing: ["--limit must be between 1 and 1000"])
        expectUserError(try s.clew("outbox", "list", "--limit", "99999999"), containing: ["--limit must be between 1 and 1000"])
        expectUserError(try s.clew("outbox", "list", "--status", "lost"), containing: ["'lost' is invalid for '--status", "'pending', 'sent', 'failed', 'cancelled' or 'all'"])
        expectUserError(try s.clew("search", "x", "--limit=-5"), containing: ["--limit must be between 1 and 500"])
        expectUserError(try s.clew("seed", "--leads", "9999999999"), containing: ["--leads must be between 0 and 5000000"])
    }
}
