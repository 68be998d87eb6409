import ClewDomain
import Foundation
import Testing

@Suite("Payment plans and spans")
struct PaymentPlanTests {
    static let zone = TimeZone(identifier: "Asia/Shanghai") ?? .gmt
    /// 2026 National Day: Oct 1–7 off, Saturday Oct 10 worked (调休).
    static let calendar = WorkingCalendar(timeZone: zone, holidays: Set((1...7).compactMap { CalendarDay("2026-10-0\($0)") }),
                                          extraWorkdays: [CalendarDay(year: 2026, month: 10, day: 10)])

    static func day(_ text: String) -> CalendarDay { CalendarDay(text) ?? CalendarDay(year: 1970, month: 1, day: 1) }

    @Test(arguments: [
        ("30d", CalendarSpan.days(30)), ("30 days", .days(30)), ("-3 days", .days(-3)), ("+30 days", .days(30)), ("0 days", .days(0)),
        ("1 month", .months(1)), ("6 months", .months(6)), ("2 working days", .workingDays(2)), ("-2 working days", .workingDays(-2)),
        ("2 weeks", .days(14)), ("１ month", .months(1)),
    ])
    func spansUseTheProcessGrammar(_ text: String, _ expected: CalendarSpan) throws {
        #expect(try CalendarSpan(parsing: text) == expected)
    }

    @Test(arguments: ["", "30", "d", "3 hours", "24 working hours", "three days", "1 fortnight", "121 months", "9999 days", "3 lazy days"])
    func badSpansAreRefused(_ text: String) {
        #expect(throws: CalendarSpanError.self) { try CalendarSpan(parsing: text) }
    }

    @Test(arguments: [
        ("2027-01-31", 1, "2027-02-28"), ("2028-01-31", 1, "2028-02-29"), ("2027-01-31", 2, "2027-03-31"), ("2027-03-31", 1, "2027-04-30"),
        ("2026-12-15", 1, "2027-01-15"), ("2027-01-31", -2, "2026-11-30"), ("2027-05-31", 12, "2028-05-31"),
    ])
    func monthsClipToTheMonthEnd(_ start: String, _ months: Int, _ expected: String) {
        #expect(Self.day(start).adding(months: months) == Self.day(expected))
    }

    @Test func anEvenSplitPutsTheLeftoverFenOnTheLast() throws {
        let plan = try PaymentPlan.evenly(Money(fen: 10_000), count: 3, every: .days(30), first: Self.day("2027-01-31"), calendar: Self.calendar)
        #expect(plan.map(\.amount.fen) == [3_333, 3_333, 3_334])
        #expect(plan.map(\.due.description) == ["2027-01-31", "2027-03-02", "2027-04-01"])
        #expect(plan.map(\.sequence) == [1, 2, 3])
        let odd = try PaymentPlan.evenly(Money(fen: 100_000_000_001), count: 7, every: .days(30), first: Self.day("2027-01-01"), calendar: Self.calendar)
        #expect(odd.reduce(Money.zero) { $0 + $1.amount } == Money(fen: 100_000_000_001))
        let share: Int64 = 14_285_714_285
        #expect(odd.map(\.amount.fen) == Array(repeating: share, count: 6) + [100_000_000_001 - 6 * share])
    }

    @Test func monthlyInstalmentsCountFromTheFirstDue() throws {
        let plan = try PaymentPlan.evenly(Money(yuan: 300), count: 4, every: .months(1), first: Self.day("2028-01-31"), calendar: Self.calendar)
        #expect(plan.map(\.due.description) == ["2028-01-31", "2028-02-29", "2028-03-31", "2028-04-30"])
        #expect(plan.allSatisfy { $0.amount == Money(yuan: 75) })
    }

    @Test func workingDayPeriodsSkipHolidaysAndHonourMakeUpDays() throws {
        // From Tue Sep 29: 1 working day → Wed Sep 30; 2 → Fri Oct 9 (Oct 1–7 off, Oct 8 worked); 3 → Sat Oct 10 (调休).
        let plan = try PaymentPlan.evenly(Money(yuan: 400), count: 4, every: .workingDays(1), first: Self.day("2026-09-29"), calendar: Self.calendar)
        #expect(plan.map(\.due.description) == ["2026-09-29", "2026-09-30", "2026-10-08", "2026-10-09"])
    }

    @Test func sharesSumExactlyAndTheLastTakesTheRest() throws {
        let plan = try PaymentPlan.shares(Money(fen: 10_001), [
            try PaymentPlan.Share(parsing: "2027-01-15:40%"), try PaymentPlan.Share(parsing: "2027-02-15:60%"),
        ])
        #expect(plan.map(\.amount.fen) == [4_000, 6_001])
        let thirds = try PaymentPlan.shares(Money(yuan: 1), [
            PaymentPlan.Share(due: Self.day("2027-01-01"), basisPoints: 3_333), PaymentPlan.Share(due: Self.day("2027-02-01"), basisPoints: 3_333),
            PaymentPlan.Share(due: Self.day("2027-03-01"), basisPoints: 3_334),
        ])
        #expect(thirds.map(\.amount.fen) == [33, 33, 34])
    }

    @Test func badPlansAreRefused() {
        let first = Self.day("2027-01-01")
        #expect(throws: ReceivableError.nonPositiveAmount) {
            try PaymentPlan.evenly(.zero, count: 3, every: .days(30), first: first, calendar: Self.calendar)
        }
        #expect(throws: ReceivableError.badInstalmentCount(0)) {
            try PaymentPlan.evenly(Money(yuan: 1), count: 0, every: .days(30), first: first, calendar: Self.calendar)
        }
        #expect(throws: ReceivableError.periodNotForward("-3 days")) {
            try PaymentPlan.evenly(Money(yuan: 1), count: 2, every: .days(-3), first: first, calendar: Self.calendar)
        }
        #expect(throws: ReceivableError.amountAboveLimit) {
            try PaymentPlan.evenly(Money(fen: Money.limit.fen + 1), count: 2, every: .days(3), first: first, calendar: Self.calendar)
        }
        #expect(throws: ReceivableError.sharesNotWhole(basisPoints: 9_000)) {
            try PaymentPlan.shares(Money(yuan: 1), [PaymentPlan.Share(due: first, basisPoints: 9_000)])
        }
        #expect(throws: ReceivableError.duesNotAscending("2027-01-01")) {
            try PaymentPlan.shares(Money(yuan: 1), [PaymentPlan.Share(due: first, basisPoints: 5_000), PaymentPlan.Share(due: first, basisPoints: 5_000)])
        }
        for text in ["2027-01-15", "2027-01-15:40", "2027-13-01:40%", "2027-01-15:0%", "2027-01-15:40.555%", "x:40%"] {
            #expect(throws: ReceivableError.badShare(text)) { try PaymentPlan.Share(parsing: text) }
        }
    }

    @Test func contractLinesTotalExactlyAndRefuseOverflow() throws {
        let lines = [try ContractLine(parsing: "软件许可:2:190000.50"), try ContractLine(parsing: "实施服务: 1 :5万"), ContractLine(item: "a:b", quantity: 3, unitPrice: Money(fen: 1))]
        #expect(lines[0].item == "软件许可" && lines[0].quantity == 2)
        #expect(try ContractLine.total(of: lines) == Money(fen: 38_000_100 + 5_000_000 + 3))
        #expect(try ContractLine(parsing: "a:b:1:2").item == "a:b")
        #expect(throws: ContractError.badQuantity(0)) { try ContractLine(parsing: "x:0:10") }
        #expect(throws: ContractError.badLine("x:10")) { try ContractLine(parsing: "x:10") }
        #expect(throws: ContractError.amountAboveLimit("x")) { try ContractLine(parsing: "x:1000000:100亿") }
        let big = Array(repeating: ContractLine(item: "x", quantity: 1, unitPrice: Money(fen: Money.limit.fen / 2 + 1)), count: 2)
        #expect(throws: ContractError.amountAboveLimit("x")) { try ContractLine.total(of: big) }
    }

    @Test func invoicesReadTheirTypeAndTax() throws {
        #expect(try InvoiceKind(parsing: "专票") == .special)
        #expect(try InvoiceKind(parsing: "普票") == .normal)
        #expect(throws: ReceivableError.badInvoiceKind("收据")) { try InvoiceKind(parsing: "收据") }
        let rate = try TaxRate(parsing: "13%")
        #expect(rate.basisPoints == 1_300 && rate.description == "13%")
        // ¥113 including 13% VAT holds ¥13 of tax; ¥100 holds ¥11.50 (11.504…).
        #expect(rate.tax(inGross: Money(yuan: 113)) == Money(yuan: 13))
        #expect(rate.tax(inGross: Money(yuan: 100)) == Money(fen: 1_150))
        #expect(try TaxRate(parsing: "1.5%").basisPoints == 150)
        #expect(throws: ReceivableError.badTaxRate("101%")) { try TaxRate(parsing: "101%") }
    }
}
