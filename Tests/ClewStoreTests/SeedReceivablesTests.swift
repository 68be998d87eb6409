import ClewDomain
import ClewServices
@testable import ClewStore
import Foundation
import Testing

/// `clew seed` after the win (issue 14): contracts, plans, payments and invoices a finance
/// screen can be judged on.
@Suite("Seed receivables")
struct SeedReceivablesTests {
    static func seeded() throws -> (TemporaryDatabase, SeedGenerator.Report) {
        let db = try TemporaryDatabase(withTeam: false)
        let report = try SeedGenerator(context: db.context, actor: db.actor("admin")).run(.init(leads: 1_000, seed: 14))
        return (db, report)
    }

    @Test func wonDealsHaveSignedContractsAndTheContractStageHasDrafts() throws {
        let (db, report) = try Self.seeded()
        let won = try db.count("SELECT count(*) FROM lead WHERE status = 'won'")
        #expect(won > 80)
        #expect(try db.count("SELECT count(*) FROM contract c JOIN lead ON lead.id = c.lead_id WHERE lead.status = 'won' AND c.status = 'signed' AND c.signed_on IS NOT NULL") == won)
        #expect(try db.count("SELECT count(*) FROM contract c JOIN lead ON lead.id = c.lead_id WHERE lead.status = 'active' AND c.status = 'draft'") > 0)
        #expect(try db.count("SELECT count(*) FROM contract c JOIN lead ON lead.id = c.lead_id WHERE lead.status = 'lost' AND c.status = 'cancelled'") > 0)
        #expect(try db.count("SELECT count(*) FROM contract") == report.contracts)
        // A contract's lines add up to its amount; the contract is on the deal's own customer.
        #expect(try db.count("""
            SELECT count(*) FROM contract c WHERE EXISTS (SELECT 1 FROM contract_line l WHERE l.contract_id = c.id)
              AND c.amount_fen <> (SELECT sum(total_fen) FROM contract_line l WHERE l.contract_id = c.id)
            """) == 0)
        #expect(try db.count("SELECT count(*) FROM contract c JOIN opportunity o ON o.lead_id = c.lead_id WHERE o.customer_id <> c.customer_id") == 0)
        // Signed over the months, not only lately.
        let oldest = try #require(try db.strings("SELECT min(signed_on) FROM contract").first)
        #expect(oldest < "2026-08-01", "\(oldest)")
    }

    @Test func plansAddUpExactlyAndPaymentsMatchTheirAllocations() throws {
        let (db, report) = try Self.seeded()
        #expect(report.instalments > 0 && report.payments > 0 && report.invoices > 0)
        #expect(try db.count("SELECT count(*) FROM instalment") == report.instalments)
        #expect(try db.count("""
            SELECT count(*) FROM contract c WHERE EXISTS (SELECT 1 FROM instalment i WHERE i.contract_id = c.id)
              AND c.amount_fen <> (SELECT sum(amount_fen) FROM instalment i WHERE i.contract_id = c.id)
            """) == 0, "every plan sums to its contract to the fen")
        #expect(try db.count("""
            SELECT count(*) FROM instalment i WHERE i.paid_fen <> coalesce((SELECT sum(a.amount_fen) FROM payment_allocation a WHERE a.instalment_id = i.id), 0)
            """) == 0, "paid is what the allocations say")
        #expect(try db.count("SELECT count(*) FROM instalment WHERE paid_fen > amount_fen OR paid_fen < 0") == 0)
        #expect(try db.count("""
            SELECT count(*) FROM payment p WHERE p.amount_fen <> (SELECT sum(a.amount_fen) FROM payment_allocation a WHERE a.payment_id = p.id)
            """) == 0, "no seeded payment leaves credit")
        #expect(try db.count("SELECT count(*) FROM payment WHERE received_on > '2026-11-23'") == 0, "nothing received after today")
    }

    /// Paid in full, partly paid, overdue and not yet due, each with its reminder schedule.
    @Test func theFinanceScreenHasEveryKindOfContract() throws {
        let (db, _) = try Self.seeded()
        let planned = "EXISTS (SELECT 1 FROM instalment i WHERE i.contract_id = c.id)"
        #expect(try db.count("SELECT count(*) FROM contract c WHERE \(planned) AND NOT EXISTS (SELECT 1 FROM instalment i WHERE i.contract_id = c.id AND i.paid_fen < i.amount_fen)") > 0,
                "paid in full")
        #expect(try db.count("SELECT count(*) FROM instalment WHERE paid_fen > 0 AND paid_fen < amount_fen") > 0, "partial")
        #expect(try db.count("SELECT count(*) FROM instalment WHERE paid_fen < amount_fen AND due_on < '2026-11-23' AND overdue_at IS NOT NULL") > 0, "overdue")
        #expect(try db.count("SELECT count(*) FROM instalment WHERE paid_fen = 0 AND due_on > '2026-11-23'") > 0, "not yet due")
        #expect(try db.count("SELECT count(*) FROM contract c WHERE c.status = 'signed' AND NOT \(planned)") > 0, "signed, to plan")
        // Owed instalments carry the next level's day; paid ones none; nothing is due for the tick today.
        #expect(try db.count("SELECT count(*) FROM instalment WHERE paid_fen >= amount_fen AND next_level_on IS NOT NULL") == 0)
        #expect(try db.count("SELECT count(*) FROM instalment WHERE paid_fen < amount_fen AND due_on > '2026-11-26' AND next_level_on IS NULL") == 0)
        #expect(try db.count("SELECT count(*) FROM instalment WHERE next_level_on <= '2026-11-23'") == 0)
        // The finance screen's report sees them all.
        let report = try ReceivableService(context: db.context, actor: db.actor("admin")).report()
        #expect(report.overdue.fen > 0 && report.open.fen > report.overdue.fen)
        #expect(report.aged.buckets.count >= 3, "\(report.aged.buckets)")
        #expect(!report.byCustomer.isEmpty && !report.byRep.isEmpty && !report.contracts.isEmpty)
        #expect(report.expectedByWeek.contains { $0.amount.fen > 0 })
    }

    @Test func invoicesCloseTheInvoicingTaskAndEverythingIsAudited() throws {
        let (db, _) = try Self.seeded()
        #expect(try db.count("SELECT count(*) FROM invoice WHERE kind = 'special' AND tax_rate_bp = 1300") > 0)
        #expect(try db.count("""
            SELECT count(*) FROM task t WHERE t.kind = 'invoice' AND t.status = 'open' AND EXISTS (SELECT 1 FROM invoice v JOIN contract c ON c.id = v.contract_id WHERE c.lead_id = t.lead_id)
            """) == 0)
        #expect(try db.count("SELECT count(*) FROM task WHERE kind = 'invoice' AND status = 'done'") > 0)
        #expect(try db.count("SELECT count(*) FROM invoice v JOIN contract c ON c.id = v.contract_id WHERE v.amount_fen > c.amount_fen") == 0)
        for (table, entity) in [("contract", "contract"), ("instalment", "instalment"), ("payment", "payment"), ("invoice", "invoice"),
                                ("contract_line", StoredTable.contractLine.entity), ("payment_allocation", StoredTable.paymentAllocation.entity)] {
            #expect(try db.count("SELECT count(*) FROM \(table) x WHERE NOT EXISTS (SELECT 1 FROM audit a WHERE a.entity = ? AND a.entity_id = x.id)",
                                 [entity]) == 0, "\(table) rows without an audit row")
        }
    }

    @Test func theSameSeedMakesTheSameReceivables() throws {
        let (a, reportA) = try Self.seeded()
        let (b, reportB) = try Self.seeded()
        #expect(reportA.contracts == reportB.contracts && reportA.payments == reportB.payments && reportA.invoices == reportB.invoices)
        let sql = "SELECT number || ' ' || amount_fen || ' ' || coalesce(signed_on, '') FROM contract ORDER BY number"
        #expect(try a.strings(sql) == b.strings(sql))
    }
}
