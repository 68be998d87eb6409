import Foundation
import Testing

/// `clew export contracts|instalments|payments|invoices` (issue 14): finance's rows, a rep's own,
/// none for marketing; formulas guarded; JSON as well.
@Suite("CLI receivable exports")
struct CLIReceivableExportTests {
    @Test func exportsArePermissionedAndGuarded() throws {
        let s = try CLISandbox()
        try s.initWithTeam()
        try s.ok("user", "add", "fred", "--name", "Fred Xu", "--role", "finance")
        try s.ok("user", "add", "mia", "--name", "Mia Ma", "--role", "marketing")
        let lead = try s.activeLead(owner: "alice", phone: "13800138001")
        try s.ok("lead", "move", lead, "contract")
        try s.ok("--as", "alice", "lead", "win", lead, "--amount", "300000")
        let contract = "HT-" + lead
        try s.ok("--as", "fred", "receivable", "plan", contract, "--instalments", "3", "--every", "30d")
        try s.ok("--as", "fred", "payment", "add", contract, "100000.50", "--ref", "=HYPERLINK(\"x\")")
        try s.ok("--as", "fred", "invoice", "add", contract, "--amount", "100000", "--type", "专票", "--tax-rate", "13%", "--number", "FP-1")

        let out = s.directory + "/out.csv"
        try s.ok("--as", "fred", "export", "contracts", "-o", out)
        let contracts = try String(contentsOfFile: out, encoding: .utf8)
        #expect(contracts.contains("\(contract),\(lead),"), "\(contracts)")
        #expect(contracts.contains(",alice,signed,300000.00,"), "\(contracts)")
        #expect(contracts.contains(",100000.50,100000.00"), "collected and invoiced:\n\(contracts)")
        try s.ok("--as", "fred", "export", "instalments", "-o", out)
        #expect(try String(contentsOfFile: out, encoding: .utf8).split(whereSeparator: \.isNewline).count == 4, "a header and three instalments")
        try s.ok("--as", "fred", "export", "payments", "-o", out)
        let payments = try String(contentsOfFile: out, encoding: .utf8)
        #expect(payments.contains("'=HYPERLINK"), "the formula is guarded:\n\(payments)")
        try s.ok("--as", "fred", "export", "invoices", "-o", out)
        #expect(try String(contentsOfFile: out, encoding: .utf8).contains(",FP-1,special,100000.00,13%,"))
        let json = try s.clew("--as", "fred", "export", "payments", "--format", "json")
        #expect(json.status == 0 && json.stdout.contains("\"amount\":\"100000.50\""), "\(json)")

        try s.ok("--as", "alice", "export", "contracts", "-o", out)
        #expect(try String(contentsOfFile: out, encoding: .utf8).contains(contract), "alice's own deal")
        try s.ok("--as", "carol", "export", "contracts", "-o", out)
        #expect(try !String(contentsOfFile: out, encoding: .utf8).contains(contract), "not carol's")
        try s.ok("--as", "mia", "export", "payments", "-o", out)
        #expect(try String(contentsOfFile: out, encoding: .utf8).split(whereSeparator: \.isNewline).count == 1, "marketing: the header alone")
    }
}
