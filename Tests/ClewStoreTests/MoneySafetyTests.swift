import ClewDomain
import ClewServices
@testable import ClewStore
import Foundation
import GRDB
import Testing

@Suite("Money is safe by type")
struct MoneySafetyTests {
    @Test func aWinAboveTheLimitIsRefusedAndNothingChanges() throws {
        let db = try TemporaryDatabase()
        let lead = try db.activeLead()
        let huge = Money(fen: 9_223_372_036_854_775_800)
        #expect(throws: ConversionError.amountAboveLimit(huge)) {
            try db.leads("bob").win(lead.number.description, amount: huge)
        }
        #expect(try db.stored(lead.number).status == .active)
        // An admin wins it: above [approvals]' thresholds a supervisor with no one above them needs an admin (issue 17).
        #expect(try db.leads("admin").win(lead.number.description, amount: Money.limit).amount == Money.limit)
    }

    @Test func totalsOfAmountsThatWouldOverflowNeverFailAView() throws {
        let db = try TemporaryDatabase()
        let first = try db.activeLead()
        let second = try db.activeLead()
        for lead in [first, second] { _ = try db.leads("bob").win(lead.number.description, amount: Money(yuan: 1_000)) }
        // Data stored before the limit existed: two amounts whose sum leaves Int64.
        try db.database.write { db in
            try db.execute(sql: "UPDATE lead SET amount_fen = ? WHERE status = 'won'", arguments: [Int64.max - 10])
        }
        let admin = try db.actor("admin")
        let summary = try PipelineSummary.load(context: db.context, actor: admin)
        #expect(summary.columns.first { $0.key == "won" }?.amount == Money(fen: .max))
        let board = try BoardService(context: db.context, actor: admin).columns(scope: .all, filter: BoardFilter())
        #expect(board.first { $0.key == "won" }?.count == 2)
        #expect(Money(fen: .max) + Money(fen: 5) == Money(fen: .max), "a sum saturates instead of trapping")
    }

    @Test func anAdminCorrectsAWonAmountAuditedWithTheReason() throws {
        let db = try TemporaryDatabase()
        let lead = try db.activeLead()
        let number = lead.number.description
        // Won by an admin: above [approvals]' thresholds bob (with no supervisor) may not skip the contract stage (issue 17).
        _ = try db.leads("admin").win(number, amount: Money(yuan: 92_233_720))
        #expect(throws: PermissionError.self) { try db.leads("bob").correctWonAmount(number, to: Money(yuan: 92_000), reason: "多输了三位") }
        let corrected = try db.leads("admin").correctWonAmount(number, to: Money(yuan: 92_000), reason: "多输了三位")
        #expect(corrected.amount == Money(yuan: 92_000))
        #expect(try db.count("SELECT amount_fen FROM opportunity WHERE lead_id = ?", [lead.id]) == 9_200_000)
        #expect(try db.strings("SELECT new FROM audit WHERE action = 'correct-amount-reason'") == ["多输了三位"])
        #expect(try db.strings("SELECT new FROM audit WHERE entity = 'opportunity' AND action = 'correct-amount'") == ["9200000"])
        let open = try db.activeLead()
        #expect(throws: LeadError.notWon(number: open.number.description, status: .active)) {
            try db.leads("admin").correctWonAmount(open.number.description, to: Money(yuan: 1), reason: "x")
        }
    }
}
