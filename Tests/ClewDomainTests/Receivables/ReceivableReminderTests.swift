import ClewDomain
import Foundation
import Testing

@Suite("Receivable reminder levels")
struct ReceivableReminderTests {
    static let zone = TimeZone(identifier: "Asia/Shanghai") ?? .gmt
    /// 2026 National Day: Oct 1–7 off, Saturday Oct 10 worked (调休).
    static let calendar = WorkingCalendar(timeZone: zone, holidays: Set((1...7).compactMap { CalendarDay("2026-10-0\($0)") }),
                                          extraWorkdays: [CalendarDay(year: 2026, month: 10, day: 10)])
    static let levels = ReceivableLevel.standard

    static func day(_ text: String) -> CalendarDay { CalendarDay(text) ?? CalendarDay(year: 1970, month: 1, day: 1) }

    /// The day each standard level falls on for a due date: before-due, due, overdue, escalate.
    @Test(arguments: [
        // A Monday: three days before is Friday; the day after is Tuesday.
        ("2026-12-07", ["2026-12-04", "2026-12-07", "2026-12-08", "2027-01-06"]),
        // Due Wednesday Dec 9: three days before is Sunday Dec 6 → Friday Dec 4.
        ("2026-12-09", ["2026-12-04", "2026-12-09", "2026-12-10", "2027-01-08"]),
        // Due on a Saturday: collected Monday (顺延), overdue Tuesday, escalated 30 days after Monday.
        ("2026-12-05", ["2026-12-02", "2026-12-07", "2026-12-08", "2027-01-06"]),
        // Due in the National Day holiday (Oct 4): reminded Wed Sep 30 (Oct 1 is off), due Thu Oct 8 (the first
        // working day), overdue Oct 9, escalated Nov 7 (a Saturday) → Monday Nov 9.
        ("2026-10-04", ["2026-09-30", "2026-10-08", "2026-10-09", "2026-11-09"]),
        // Due Oct 13: three days before is Saturday Oct 10, a make-up working day: kept.
        ("2026-10-13", ["2026-10-10", "2026-10-13", "2026-10-14", "2026-11-12"]),
    ])
    func levelDaysAvoidWeekendsAndHolidays(_ due: String, _ expected: [String]) {
        #expect(Self.levels.map { $0.day(forDue: Self.day(due), on: Self.calendar).description } == expected)
    }

    @Test func workingDayOffsetsCountWorkingDays() throws {
        let level = ReceivableLevel(name: "w", offset: try CalendarSpan(parsing: "-2 working days"), actions: [.task(for: "finance")])
        // Due Thursday Oct 8: two working days before skips the holiday week: Tue Sep 29.
        #expect(level.day(forDue: Self.day("2026-10-08"), on: Self.calendar) == Self.day("2026-09-29"))
        let after = ReceivableLevel(name: "a", offset: .workingDays(1), actions: [])
        #expect(after.day(forDue: Self.day("2026-10-09"), on: Self.calendar) == Self.day("2026-10-10"))
    }

    /// Which level fires on a day for an instalment due Monday Dec 7, none handled yet.
    @Test(arguments: [
        ("2026-12-03", nil, [String](), "2026-12-04"),
        ("2026-12-04", "before-due", [], "2026-12-07"),
        ("2026-12-06", "before-due", [], "2026-12-07"),
        ("2026-12-07", "due", ["before-due"], "2026-12-08"),
        ("2026-12-20", "overdue", ["before-due", "due"], "2027-01-06"),
        ("2027-03-01", "escalate", ["before-due", "due", "overdue"], nil),
    ] as [(String, String?, [String], String?)])
    func theLatestLevelFiresAndEarlierOnesAreSkipped(_ today: String, _ fires: String?, _ skipped: [String], _ next: String?) {
        let facts = ReceivableReminder.Facts(due: Self.day("2026-12-07"), balance: Money(yuan: 100))
        let decision = ReceivableReminder.decide(facts, today: Self.day(today), levels: Self.levels, calendar: Self.calendar)
        #expect(decision.fire?.name == fires)
        #expect(decision.skipped.map(\.name) == skipped)
        #expect(decision.nextOn?.description == next)
    }

    @Test func eachLevelOnceAndNothingWhenPaid() {
        let due = Self.day("2026-12-07")
        let handled = ReceivableReminder.Facts(due: due, balance: Money(yuan: 1), handled: ["before-due", "due"])
        let decision = ReceivableReminder.decide(handled, today: Self.day("2026-12-08"), levels: Self.levels, calendar: Self.calendar)
        #expect(decision.fire?.name == "overdue" && decision.skipped.isEmpty && decision.marksOverdue)
        let again = ReceivableReminder.Facts(due: due, balance: Money(yuan: 1), handled: ["before-due", "due", "overdue"])
        #expect(ReceivableReminder.decide(again, today: Self.day("2026-12-08"), levels: Self.levels, calendar: Self.calendar).fire == nil)
        let paid = ReceivableReminder.Facts(due: due, balance: .zero)
        let none = ReceivableReminder.decide(paid, today: Self.day("2027-06-01"), levels: Self.levels, calendar: Self.calendar)
        #expect(none.fire == nil && none.nextOn == nil)
        // An escalation after downtime still marks the instalment overdue (the skipped level's mark).
        let late = ReceivableReminder.decide(ReceivableReminder.Facts(due: due, balance: Money(yuan: 1)), today: Self.day("2027-02-01"),
                                             levels: Self.levels, calendar: Self.calendar)
        #expect(late.fire?.name == "escalate" && late.marksOverdue)
        #expect(ReceivableReminder.firstDay(forDue: due, levels: Self.levels, calendar: Self.calendar) == Self.day("2026-12-04"))
    }

    @Test(arguments: [(1, AgeBucket.upTo30), (30, .upTo30), (31, .upTo60), (60, .upTo60), (61, .upTo90), (90, .upTo90), (91, .over90)])
    func ageBuckets(_ days: Int, _ bucket: AgeBucket) {
        #expect(AgeBucket(daysPastDue: days) == bucket)
    }

    @Test(arguments: ["task:finance", "email-customer:payment-due", "sms-customer:payment-due", "notify:owner", "mark-overdue", "escalate"])
    func actionsReadAndPrintTheSame(_ text: String) {
        #expect(ReceivableAction(parsing: text)?.description == text)
    }

    @Test(arguments: ["task", "task:", "shout:owner", "escalate:now"])
    func unknownActionsAreRefused(_ text: String) {
        #expect(ReceivableAction(parsing: text) == nil)
    }
}
