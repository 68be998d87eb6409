import ClewDomain
@testable import ClewAutomation
import ClewServices
@testable import ClewStore
import Foundation
import GRDB
import Testing

/// The receivable reminder levels fired by the tick (issue 14 §4): once per instalment and
/// level, across weekends and holidays, with the contract trigger's invoicing task done by the
/// invoice.
@Suite("Receivable timers")
struct ReceivableTimerTests {
    typealias Firing = TickReport.Firing

    static func at(_ y: Int, _ m: Int, _ d: Int, _ h: Int = 10) -> Date { AutomationFixture.at(y, m, d, h) }
    static func day(_ text: String) -> CalendarDay { CalendarDay(text) ?? CalendarDay(year: 1970, month: 1, day: 1) }

    /// alice's deal, moved to the contract stage by bob and won: its contract number.
    func signedDeal(_ fixture: AutomationFixture) throws -> (Lead, String) {
        let lead = try fixture.active(fixture.draft(phone: fixture.uniquePhone(), email: "wang@hengtong.example"))
        try fixture.leads("bob").toContract(lead.number.description)
        try fixture.leads("alice").win(lead.number.description, amount: Money(yuan: 300_000))
        return (lead, Contract.number(forLead: lead.number.description))
    }

    func finance(_ fixture: AutomationFixture) throws -> ReceivableService {
        ReceivableService(context: fixture.context, actor: try fixture.actor("fay"))
    }

    func receivables(_ report: TickReport) -> [String] {
        report.firings.filter { $0.rule.hasPrefix("receivable.") }.map { "\($0.rule) \($0.outcome)" }
    }

    @Test func theInvoiceCompletesTheContractTriggersTask() throws {
        let fixture = try AutomationFixture()
        let (lead, number) = try signedDeal(fixture)
        let invoicing = try fixture.tasks(of: lead).filter { $0.assignee == "fay" && $0.title.contains("发票") }
        #expect(invoicing.count == 1 && invoicing.first?.status == .open)
        try finance(fixture).addInvoice(number, amount: Money(yuan: 100_000), kind: .special, taxRate: try TaxRate(parsing: "13%"), invoiceNumber: "INV-1")
        #expect(try fixture.tasks(of: lead).first { $0.id == invoicing.first?.id }?.status == .done)
    }

    @Test func eachLevelFiresOnceOnItsWorkingDay() throws {
        let fixture = try AutomationFixture()
        let (lead, number) = try signedDeal(fixture)
        // Due Monday Dec 7, Wednesday Jan 6, Friday Feb 5.
        let plan = try finance(fixture).plan(number, .evenly(count: 3, every: .days(30), first: Self.day("2026-12-07")))
        let first = try #require(plan.instalments.first)
        #expect(receivables(try fixture.tick(Self.at(2026, 12, 3))).isEmpty)
        // Three days before Monday is Friday Dec 4 (a Sunday reminder would be no use).
        let reminder = receivables(try fixture.tick(Self.at(2026, 12, 4)))
        #expect(reminder.count == 1 && reminder[0].hasPrefix("receivable.before-due \(number) #\(first.id): task #"))
        #expect(reminder[0].hasSuffix("for fay"))
        #expect(receivables(try fixture.tick(Self.at(2026, 12, 4, 15))).isEmpty)
        #expect(receivables(try fixture.tick(Self.at(2026, 12, 6))).isEmpty)
        // On the due date the customer gets an email through the outbox.
        let due = receivables(try fixture.tick(Self.at(2026, 12, 7)))
        #expect(due == ["receivable.due \(number) #\(first.id): email #\(try fixture.count("SELECT max(id) FROM outbox")) to wang@hengtong.example queued"])
        #expect(try fixture.strings("SELECT subject FROM outbox WHERE rule = 'receivable.due'") == ["付款提醒 · 合同 \(number)"])
        // The day after, overdue: marked, and collection tasks for finance and the owner.
        let overdue = receivables(try fixture.tick(Self.at(2026, 12, 8)))
        #expect(overdue.count == 1 && overdue[0].contains("marked overdue") && overdue[0].contains("for fay") && overdue[0].contains("for alice"))
        #expect(try finance(fixture).contract(number).instalments.first?.overdueAt != nil)
        #expect(try fixture.tasks(of: lead).filter { $0.title.hasPrefix("催收") }.map(\.assignee).sorted() == ["alice", "fay"])
        // Paid in full: nothing more for it (no escalation on Jan 6).
        try finance(fixture).addPayment(number, amount: first.amount, on: Self.day("2026-12-10"))
        let january = try fixture.tick(Self.at(2027, 1, 6))
        #expect(!receivables(january).contains { $0.hasPrefix("receivable.escalate") })
        // Instalment 2 (due Jan 6): its before-due day (Jan 1, a Friday) was missed while the
        // tick did not run; on Jan 6 only the due level fires, the reminder recorded as skipped.
        #expect(receivables(january).map { String($0.prefix(while: { $0 != " " })) } == ["receivable.due"])
        #expect(try fixture.outcomes("receivable.before-due").contains("skipped: superseded by due"))
        #expect(receivables(try fixture.tick(Self.at(2027, 1, 6, 16))).isEmpty)
    }

    @Test func aLongOverdueInstalmentEscalatesToTheSupervisorAfterDowntime() throws {
        let fixture = try AutomationFixture()
        let (_, number) = try signedDeal(fixture)
        try finance(fixture).plan(number, .evenly(count: 1, every: .days(30), first: Self.day("2026-12-07")))
        // No tick for two months: only the escalation fires, and the instalment is overdue.
        let report = receivables(try fixture.tick(Self.at(2027, 2, 8)))
        #expect(report.count == 1 && report[0].hasPrefix("receivable.escalate") && report[0].contains("escalated to bob"))
        #expect(try fixture.notifications("bob", "escalation").contains { $0.hasPrefix("Long overdue payment (30 days after due): \(number)") })
        #expect(try finance(fixture).contract(number).instalments.first?.overdueAt != nil)
        #expect(try fixture.outcomes("receivable.overdue") == ["skipped: superseded by escalate"])
    }

    @Test func aDueDateInAHolidayIsCollectedTheNextWorkingDay() throws {
        let fixture = try AutomationFixture()
        for day in 1...7 { try fixture.addHoliday(CalendarDay(year: 2027, month: 2, day: day)) }
        let context = try fixture.context.loadingHolidays()
        let (_, number) = try signedDeal(fixture)
        try ReceivableService(context: context, actor: try fixture.actor("fay"))
            .plan(number, .evenly(count: 1, every: .days(30), first: Self.day("2027-02-03")))
        // Before-due Jan 31 is a Sunday → Friday Jan 29; due Feb 3 (holiday) → Monday Feb 8; overdue Tuesday Feb 9.
        #expect(receivables(try fixture.tick(Self.at(2027, 1, 29), in: context)).first?.hasPrefix("receivable.before-due") == true)
        #expect(receivables(try fixture.tick(Self.at(2027, 2, 5), in: context)).isEmpty)
        #expect(receivables(try fixture.tick(Self.at(2027, 2, 8), in: context)).first?.hasPrefix("receivable.due") == true)
        #expect(receivables(try fixture.tick(Self.at(2027, 2, 9), in: context)).first?.hasPrefix("receivable.overdue") == true)
    }
    /// `clew process apply` with new `[[receivable.level]]` offsets moves each owed instalment's
    /// next reminder day; the tick then fires on the new day, and a level already handled is not
    /// scheduled again. A paid instalment gets none.
    @Test func applyingNewLevelOffsetsReschedulesTheNextReminder() throws {
        let fixture = try AutomationFixture()
        let (_, number) = try signedDeal(fixture)
        // Due Monday Dec 7 and Wednesday Jan 6; the first paid at once.
        let plan = try finance(fixture).plan(number, .evenly(count: 2, every: .days(30), first: Self.day("2026-12-07")))
        let (first, second) = (plan.instalments[0], plan.instalments[1])
        try finance(fixture).addPayment(number, amount: first.amount, on: Self.day("2026-11-23"))
        func next(_ id: Int64) throws -> String? {
            try fixture.strings("SELECT coalesce(next_level_on, '-') FROM instalment WHERE id = ?", [id]).first.flatMap { $0 == "-" ? nil : $0 }
        }
        #expect(try next(second.id) == "2027-01-01", "three days before Jan 6 (a Friday)")
        let process = ProcessService(context: fixture.context, actor: try fixture.actor("admin"))
        let exported = try process.export()
        let before = "name = \"before-due\"\noffset = \"-3 days\""
        #expect(exported.contains(before), "\(exported)")
        // Finance wants a week's notice: the reminder moves to Wednesday Dec 30.
        try process.apply(text: exported.replacingOccurrences(of: before, with: "name = \"before-due\"\noffset = \"-7 days\""), file: "p.toml")
        #expect(try next(second.id) == "2026-12-30")
        #expect(try next(first.id) == nil, "paid: no reminder")
        #expect(try fixture.count("SELECT count(*) FROM audit WHERE entity = 'instalment' AND action = 'reschedule' AND entity_id = ?", [second.id]) == 1)
        #expect(receivables(try fixture.tick(Self.at(2026, 12, 29))).isEmpty)
        let fired = receivables(try fixture.tick(Self.at(2026, 12, 30)))
        #expect(fired.count == 1 && fired[0].hasPrefix("receivable.before-due \(number) #\(second.id)"), "\(fired)")
        #expect(try next(second.id) == "2027-01-06")
        // Back to three days: before-due was handled, so the next level stays the due date.
        let again = try process.export()
        try process.apply(text: again.replacingOccurrences(of: "offset = \"-7 days\"", with: "offset = \"-3 days\""), file: "p.toml")
        #expect(try next(second.id) == "2027-01-06")
        // The due level dropped: the next is the overdue mark the day after.
        let levels = try process.export()
        let due = try #require(levels.range(of: "[[receivable.level]]\nname = \"due\""))
        let end = try #require(levels.range(of: "[[receivable.level]]", range: due.upperBound..<levels.endIndex))
        try process.apply(text: levels.replacingCharacters(in: due.lowerBound..<end.lowerBound, with: ""), file: "p.toml")
        #expect(try next(second.id) == "2027-01-07")
    }
}
