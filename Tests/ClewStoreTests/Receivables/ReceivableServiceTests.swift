import ClewDomain
import ClewServices
@testable import ClewStore
import Foundation
import GRDB
import Testing

/// Contracts, plans, payments and invoices over a real database (issue 14): one deal from the
/// contract stage to fully paid, the permissions of each role, and the audit trail.
@Suite("Receivables")
struct ReceivableServiceTests {
    func money(_ db: TemporaryDatabase, _ login: String) throws -> ReceivableService {
        ReceivableService(context: db.context, actor: try db.actor(login))
    }

    /// A deal of alice's in the contract stage (bob moved it there): its draft contract's number.
    func contractStageDeal(_ db: TemporaryDatabase, customer: String = "杭州恒通科技有限公司") throws -> (lead: Lead, contract: String) {
        let lead = try db.activeLead(db.draft(customer: customer))
        try db.leads("bob").toContract(lead.number.description)
        return (lead, Contract.number(forLead: lead.number.description))
    }

    static func day(_ text: String) -> CalendarDay { CalendarDay(text) ?? CalendarDay(year: 1970, month: 1, day: 1) }

    @Test func theContractStageOpensADraftOnANewCustomerAndTheWinSignsIt() throws {
        let db = try TemporaryDatabase()
        let (lead, number) = try contractStageDeal(db)
        let draft = try money(db, "fred").contract(number)
        #expect(draft.summary.contract.status == .draft)
        #expect(draft.summary.contract.customerName == "杭州恒通科技有限公司")
        #expect(draft.summary.contract.owner == "alice")
        #expect(try db.count("SELECT count(*) FROM customer") == 1)
        // The rep writes the lines of her draft; the amount is their total.
        let edited = try money(db, "alice").editContract(number, lines: [
            try ContractLine(parsing: "软件许可:2:150000"), try ContractLine(parsing: "实施服务:1:80000.50"),
        ], delivery: Self.day("2027-03-01"))
        #expect(edited.summary.contract.amount == Money(fen: 38_000_050))
        #expect(edited.summary.contract.lines.count == 2)
        #expect(edited.summary.contract.expectedDelivery == Self.day("2027-03-01"))
        // Editing again replaces the lines; the old ones are kept, marked removed.
        try money(db, "alice").editContract(number, lines: [try ContractLine(parsing: "软件许可:2:190000")])
        #expect(try money(db, "fred").contract(number).summary.contract.amount == Money(yuan: 380_000))
        #expect(try db.count("SELECT count(*) FROM contract_line WHERE removed_at IS NOT NULL") == 2)

        try db.leads("alice").win(lead.number.description, amount: Money(yuan: 380_000))
        let signed = try money(db, "fred").contract(number).summary.contract
        #expect(signed.status == .signed)
        #expect(signed.signedOn == TemporaryDatabase.monday)
        // The win's conversion reused the contract's customer.
        #expect(try db.count("SELECT count(*) FROM customer") == 1)
        #expect(try db.count("SELECT count(*) FROM opportunity o JOIN contract c ON c.customer_id = o.customer_id") == 1)
        // A signed contract's lines no longer change: not the rep's at all, and not even a supervisor's.
        #expect(throws: ReceivableAccessError.denied(.editContract, contract: number, login: "alice", role: .rep)) {
            try money(db, "alice").editContract(number, lines: [try ContractLine(parsing: "x:1:1")])
        }
        #expect(throws: ContractError.notDraft(number, .signed)) {
            try money(db, "bob").editContract(number, lines: [try ContractLine(parsing: "x:1:1")])
        }
        // Its expected delivery still does (the supervisor's); stale editors are refused.
        let moved = try money(db, "bob").editContract(number, delivery: Self.day("2027-04-01"), expectedVersion: signed.version)
        #expect(moved.summary.contract.expectedDelivery == Self.day("2027-04-01"))
        #expect(throws: StoreError.self) { try money(db, "bob").editContract(number, delivery: Self.day("2027-05-01"), expectedVersion: signed.version) }
        let audit = try db.auditRows(entity: "contract").map { "\($0.action) \($0.field ?? "-")" }
        #expect(audit.contains("open number") && audit.contains("sign status") && audit.contains("edit amount_fen"))
    }

    @Test func aWinThatSkippedTheContractStageSignsAContractWithTheWonAmount() throws {
        let db = try TemporaryDatabase()
        let lead = try db.activeLead()
        try db.leads("bob").win(lead.number.description, amount: Money(yuan: 120_000))
        let contract = try money(db, "fred").contract(lead.number.description).summary.contract
        #expect(contract.status == .signed && contract.amount == Money(yuan: 120_000))
    }

    @Test func losingTheDealCancelsItsDraft() throws {
        let db = try TemporaryDatabase()
        let (lead, number) = try contractStageDeal(db)
        try db.leads("alice").lose(lead.number.description, reason: .choseCompetitor)
        #expect(try money(db, "fred").contract(number).summary.contract.status == .cancelled)
    }

    /// The deal signed for ¥100.01 (a leftover fen) and planned in 3 instalments every 30 days.
    func plannedDeal(_ db: TemporaryDatabase) throws -> (lead: Lead, contract: String, instalments: [InstalmentItem]) {
        let (lead, number) = try contractStageDeal(db)
        try db.leads("alice").win(lead.number.description, amount: Money(fen: 10_001))
        let detail = try money(db, "fred").plan(number, .evenly(count: 3, every: .days(30), first: nil))
        return (lead, number, detail.instalments)
    }

    @Test func aPlanSumsExactlyAndStartsOnePeriodAfterSigning() throws {
        let db = try TemporaryDatabase()
        let (_, number, instalments) = try plannedDeal(db)
        #expect(instalments.map(\.amount.fen) == [3_333, 3_333, 3_335])
        #expect(instalments.map(\.due.description) == ["2026-12-23", "2027-01-22", "2027-02-21"])
        #expect(throws: ReceivableError.planExists(number)) { try money(db, "fred").plan(number, .evenly(count: 2, every: .months(1), first: nil)) }
        let replaced = try money(db, "fred").plan(number, .shares([
            PaymentPlan.Share(due: Self.day("2027-01-31"), basisPoints: 4_000), PaymentPlan.Share(due: Self.day("2027-02-28"), basisPoints: 6_000),
        ]), replace: true)
        #expect(replaced.instalments.map(\.amount.fen) == [4_000, 6_001])
        #expect(replaced.summary.totalPlans == 2)
        #expect(try db.count("SELECT count(*) FROM instalment WHERE status = 'cancelled'") == 3)
    }

    @Test func paymentsGoToTheOldestInstalmentsAndAreCorrectedByReversal() throws {
        let db = try TemporaryDatabase()
        let (_, number, _) = try plannedDeal(db)
        let fred = try money(db, "fred")
        let partial = try fred.addPayment(number, amount: Money(fen: 2_000), on: Self.day("2026-12-20"), reference: "BANK-001")
        #expect(partial.unallocated == .zero)
        var detail = try fred.contract(number)
        #expect(detail.instalments.map(\.paid.fen) == [2_000, 0, 0])
        let second = try fred.addPayment(number, amount: Money(fen: 4_000))
        detail = try fred.contract(number)
        #expect(detail.instalments.map(\.paid.fen) == [3_333, 2_667, 0])
        #expect(detail.summary.paidPlans == 1 && detail.summary.totalPlans == 3)
        #expect(detail.summary.collected == Money(fen: 6_000))
        // More than is owed (¥40.01 left) is refused without --credit.
        #expect(throws: ReceivableError.overpayment(owed: Money(fen: 4_001), offered: Money(fen: 5_000))) {
            try fred.addPayment(number, amount: Money(fen: 5_000))
        }
        // A reversal takes back each allocation of the payment; the payment stays, marked.
        let reversal = try fred.reversePayment(second.id, reason: "录错金额")
        #expect(reversal.amount == Money(fen: -4_000) && reversal.reverses == second.id)
        detail = try fred.contract(number)
        #expect(detail.instalments.map(\.paid.fen) == [2_000, 0, 0])
        #expect(detail.payments.first { $0.id == second.id }?.reversedBy == reversal.id)
        #expect(throws: ReceivableError.alreadyReversed(second.id)) { try fred.reversePayment(second.id, reason: "again") }
        #expect(throws: ReceivableError.reversalOfReversal(reversal.id)) { try fred.reversePayment(reversal.id, reason: "again") }
        #expect(throws: ReceivableError.emptyReason) { try fred.reversePayment(partial.id, reason: " ") }
        // Nothing in history was edited: every payment row is as it was written.
        #expect(try db.count("SELECT count(*) FROM audit WHERE entity = 'payment' AND action NOT IN ('receive', 'reverse')") == 0)
    }

    @Test func creditIsKeptOnTheCustomerAndAppliedToTheNextPlan() throws {
        let db = try TemporaryDatabase()
        let (_, number, _) = try plannedDeal(db)
        let fred = try money(db, "fred")
        let payment = try fred.addPayment(number, amount: Money(fen: 12_001), credit: true)
        #expect(payment.unallocated == Money(fen: 2_000))
        let detail = try fred.contract(number)
        #expect(detail.summary.paidPlans == 3 && detail.customerCredit == Money(fen: 2_000))
        // The customer's next deal: its plan takes the credit first.
        let (lead2, number2) = try contractStageDeal(db)
        try db.leads("alice").win(lead2.number.description, amount: Money(fen: 3_000))
        let next = try fred.plan(number2, .evenly(count: 2, every: .months(1), first: Self.day("2027-01-31")))
        #expect(next.instalments.map(\.due.description) == ["2027-01-31", "2027-02-28"])
        #expect(next.instalments.map(\.paid.fen) == [1_500, 500])
        #expect(next.customerCredit == .zero)
        // Reversing the payment takes back its credit on the other contract too.
        try fred.reversePayment(payment.id, reason: "退款")
        #expect(try fred.contract(number2).instalments.map(\.paid.fen) == [0, 0])
        #expect(try fred.contract(number).summary.collected == .zero)
    }

    @Test func invoicesAreListedAndNeverPassTheAmount() throws {
        let db = try TemporaryDatabase()
        let (lead, number, _) = try plannedDeal(db)
        // The invoicing task the contract trigger gives finance (the fixture runs without
        // automation, so it is written here as the trigger writes it).
        let task = try db.database.write { db2 in
            try Tasks.insert(leadID: lead.id, assignee: "fred", title: "开具发票 Issue the invoice", kind: "trigger", due: nil,
                             triggerEvent: TriggerEvent.contractSigned.description, Mutation(db: db2, actor: .automation(via: "test"), now: db.clock.now()))
        }
        let fred = try money(db, "fred")
        let invoice = try fred.addInvoice(number, amount: Money(fen: 6_000), kind: .special, taxRate: try TaxRate(parsing: "13%"), invoiceNumber: "No.0001")
        #expect(invoice.tax == Money(fen: 690))
        #expect(try db.strings("SELECT status FROM task WHERE id = ?", [task]) == ["done"])
        #expect(throws: ReceivableError.duplicateInvoiceNumber("No.0001")) {
            try fred.addInvoice(number, amount: Money(fen: 1), kind: .normal, taxRate: TaxRate(basisPoints: 0), invoiceNumber: "No.0001")
        }
        #expect(throws: ReceivableError.overInvoiced(contract: number, invoiced: Money(fen: 10_002), amount: Money(fen: 10_001))) {
            try fred.addInvoice(number, amount: Money(fen: 4_002), kind: .normal, taxRate: TaxRate(basisPoints: 600), invoiceNumber: "No.0002")
        }
        let detail = try fred.contract(number)
        #expect(detail.invoices.map(\.number) == ["No.0001"] && detail.summary.invoiced == Money(fen: 6_000))
    }

    @Test func eachRoleSeesAndDoesWhatItMay() throws {
        let db = try TemporaryDatabase()
        let (_, number, _) = try plannedDeal(db)
        // Reps see their own customers' contracts only, and record no money.
        #expect(try money(db, "alice").contracts().map(\.contract.number) == [number])
        #expect(try money(db, "carol").contracts().isEmpty)
        #expect(throws: ContractError.unknown(number)) { try money(db, "carol").contract(number) }
        #expect(try money(db, "alice").customers().map(\.name) == ["杭州恒通科技有限公司"])
        #expect(try money(db, "carol").customers().isEmpty)
        #expect(throws: ReceivableAccessError.notVisible("杭州恒通科技有限公司")) { try money(db, "carol").customer("杭州恒通科技有限公司") }
        #expect(throws: ReceivableAccessError.denied(.recordPayment, contract: number, login: "alice", role: .rep)) {
            try money(db, "alice").addPayment(number, amount: Money(fen: 1))
        }
        // Support and supervisors read everything; support changes nothing; marketing sees nothing.
        #expect(try money(db, "sam").contract(number).summary.contract.number == number)
        #expect(try money(db, "erin").contracts().count == 1)
        #expect(throws: ReceivableAccessError.denied(.planPayments, contract: number, login: "sam", role: .support)) {
            try money(db, "sam").plan(number, .evenly(count: 1, every: .days(30), first: nil), replace: true)
        }
        #expect(throws: ReceivableAccessError.denied(.recordInvoice, contract: number, login: "bob", role: .supervisor)) {
            try money(db, "bob").addInvoice(number, amount: Money(fen: 1), kind: .normal, taxRate: TaxRate(basisPoints: 0), invoiceNumber: "x")
        }
        #expect(try money(db, "mia").contracts().isEmpty)
        #expect(try money(db, "mia").customers().isEmpty)
        // The customer view: contacts, contracts, payments and the timeline.
        try money(db, "fred").addPayment(number, amount: Money(fen: 100), reference: "B1")
        let customer = try money(db, "alice").customer("杭州恒通科技有限公司")
        #expect(customer.contacts.map(\.name) == ["王伟"])
        #expect(customer.contracts.map(\.contract.number) == [number])
        #expect(customer.payments.map(\.amount) == [Money(fen: 100)])
        #expect(customer.timeline.contains { $0.action == "receive" && $0.actor == "fred" })
        #expect(customer.timeline.contains { $0.action == "sign" && $0.entity == "contract" })
    }
}
