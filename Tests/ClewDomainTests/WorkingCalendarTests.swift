import ClewDomain
import Foundation
import Testing

@Suite("WorkingCalendar")
struct WorkingCalendarTests {

    // MARK: - Fixtures

    static let shanghai = TimeZone(identifier: "Asia/Shanghai") ?? .gmt
    static let newYork = TimeZone(identifier: "America/New_York") ?? .gmt

    /// 2026 National Day: 10-01 (Thursday) … 10-07 holidays, Saturday 10-10 a make-up workday.
    static let nationalDay = WorkingCalendar(
        timeZone: shanghai,
        holidays: Set((1...7).compactMap { CalendarDay("2026-10-0\($0)") }),
        extraWorkdays: [CalendarDay(year: 2026, month: 10, day: 10)])

    let standard = WorkingCalendar.standard(timeZone: shanghai)

    /// `"2026-11-20 17:00"` in `zone` (Shanghai by default).
    static func at(_ text: String, in zone: TimeZone = shanghai) -> Date {
        let parts = text.split { $0 == " " || $0 == "-" || $0 == ":" }.compactMap { Int($0) }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let components = DateComponents(
            year: parts[0], month: parts[1], day: parts[2], hour: parts[3], minute: parts[4],
            second: parts.count > 5 ? parts[5] : 0)
        return calendar.date(from: components) ?? .distantPast
    }

    // MARK: - Working hours

    @Test("adding working hours (2026-11-20 is a Friday)", arguments: [
        ("2026-11-20 17:00", 2.0, "2026-11-23 10:00"),
        ("2026-11-20 17:00", 1.0, "2026-11-20 18:00"),
        ("2026-11-23 09:00", 24.0, "2026-11-25 15:00"),
        ("2026-11-23 09:00", 45.0, "2026-11-27 18:00"),
        ("2026-11-23 09:00", 45.5, "2026-11-30 09:30"),
        ("2026-11-23 20:00", 1.0, "2026-11-24 10:00"),
        ("2026-11-24 07:00", 1.0, "2026-11-24 10:00"),
        ("2026-11-21 12:00", 0.25, "2026-11-23 09:15"),
        ("2026-11-23 12:34", 0.0, "2026-11-23 12:34"),
        ("2026-11-23 20:00", 0.0, "2026-11-24 09:00"),
        ("2026-11-23 10:00", -2.0, "2026-11-20 17:00"),
        ("2026-11-23 07:00", -1.0, "2026-11-20 17:00"),
    ])
    func addingHours(start: String, hours: Double, expected: String) {
        #expect(standard.addingWorkingHours(hours, to: Self.at(start)) == Self.at(expected))
    }

    @Test("0 hours during working time is the same instant, to the second")
    func zeroHours() {
        let instant = Self.at("2026-11-23 11:22:33")
        #expect(standard.addingWorkingHours(0, to: instant) == instant)
    }

    // MARK: - Working days

    @Test("adding working days keeps the time of day", arguments: [
        ("2026-11-20 10:00", 1, "2026-11-23 10:00"),
        ("2026-11-20 10:00", 5, "2026-11-27 10:00"),
        ("2026-11-20 10:00", 0, "2026-11-20 10:00"),
        ("2026-11-20 20:00", 1, "2026-11-24 09:00"),
        ("2026-11-21 12:00", 0, "2026-11-23 09:00"),
        ("2026-11-20 18:00", 1, "2026-11-23 18:00"),
        ("2026-11-23 10:00", -1, "2026-11-20 10:00"),
        ("2026-11-23 07:00", -1, "2026-11-19 18:00"),
    ])
    func addingDays(start: String, days: Int, expected: String) {
        #expect(standard.addingWorkingDays(days, to: Self.at(start)) == Self.at(expected))
    }

    // MARK: - Holidays and make-up days

    @Test("National Day holidays are skipped and the make-up Saturday is worked")
    func nationalDayHolidays() {
        let calendar = Self.nationalDay
        #expect(!calendar.isWorkingDay(Self.at("2026-10-01 10:00")))
        #expect(!calendar.isWorkingDay(Self.at("2026-10-05 10:00")))
        #expect(calendar.isWorkingDay(Self.at("2026-10-08 10:00")))
        #expect(calendar.isWorkingDay(Self.at("2026-10-10 10:00")))
        #expect(!calendar.isWorkingDay(Self.at("2026-10-11 10:00")))
        #expect(calendar.addingWorkingHours(2, to: Self.at("2026-09-30 17:00")) == Self.at("2026-10-08 10:00"))
        #expect(calendar.addingWorkingDays(1, to: Self.at("2026-09-30 10:00")) == Self.at("2026-10-08 10:00"))
        #expect(calendar.addingWorkingDays(1, to: Self.at("2026-10-09 10:00")) == Self.at("2026-10-10 10:00"))
        #expect(calendar.addingWorkingDays(2, to: Self.at("2026-10-09 10:00")) == Self.at("2026-10-12 10:00"))
        #expect(calendar.nextWorkingStart(onOrAfter: Self.at("2026-10-01 10:00")) == Self.at("2026-10-08 09:00"))
        #expect(calendar.workingDuration(from: Self.at("2026-09-30 09:00"), to: Self.at("2026-10-12 09:00"))
            == 36 * 3600)
    }

    @Test("a holiday wins over an extra workday on the same day")
    func holidayWins() {
        let day = CalendarDay(year: 2026, month: 10, day: 10)
        let calendar = WorkingCalendar(timeZone: Self.shanghai, holidays: [day], extraWorkdays: [day])
        #expect(!calendar.isWorkingDay(day))
    }

    // MARK: - Questions

    @Test("working time is [09:00, 18:00) on working days", arguments: [
        ("2026-11-23 09:00:00", true), ("2026-11-23 17:59:59", true), ("2026-11-23 18:00:00", false),
        ("2026-11-23 08:59:59", false), ("2026-11-21 10:00:00", false), ("2026-11-22 10:00:00", false),
    ])
    func workingTime(instant: String, expected: Bool) {
        #expect(standard.isWorkingTime(Self.at(instant)) == expected)
    }

    @Test("next working start", arguments: [
        ("2026-11-20 20:00", "2026-11-23 09:00"),
        ("2026-11-23 07:00", "2026-11-23 09:00"),
        ("2026-11-23 10:30", "2026-11-23 10:30"),
        ("2026-11-23 18:00", "2026-11-24 09:00"),
    ])
    func nextStart(instant: String, expected: String) {
        #expect(standard.nextWorkingStart(onOrAfter: Self.at(instant)) == Self.at(expected))
    }

    @Test("working duration", arguments: [
        ("2026-11-20 17:00", "2026-11-23 10:00", 2.0),
        ("2026-11-20 09:00", "2026-11-23 18:00", 18.0),
        ("2026-11-21 00:00", "2026-11-23 00:00", 0.0),
        ("2026-11-23 12:00", "2026-11-23 12:30", 0.5),
        ("2026-11-23 12:00", "2026-11-23 11:00", 0.0),
        ("2026-11-23 19:00", "2026-11-24 08:00", 0.0),
    ])
    func duration(from: String, to: String, hours: Double) {
        #expect(standard.workingDuration(from: Self.at(from), to: Self.at(to)) == hours * 3600)
    }

    @Test("adding then measuring agrees")
    func addThenMeasure() {
        let start = Self.at("2026-11-20 16:20")
        for hours in [0.5, 3, 9, 17.25, 40, 100] {
            let end = standard.addingWorkingHours(hours, to: start)
            #expect(standard.workingDuration(from: start, to: end) == hours * 3600)
        }
    }

    // MARK: - Daylight saving time

    @Test("working hours follow the wall clock across DST (New York, 2026-03-08 and 11-01)")
    func daylightSaving() {
        let calendar = WorkingCalendar.standard(timeZone: Self.newYork)
        let friday = Self.at("2026-03-06 17:00", in: Self.newYork)
        #expect(calendar.addingWorkingHours(2, to: friday) == Self.at("2026-03-09 10:00", in: Self.newYork))
        #expect(calendar.addingWorkingDays(1, to: Self.at("2026-03-06 10:00", in: Self.newYork))
            == Self.at("2026-03-09 10:00", in: Self.newYork))
        #expect(calendar.workingDuration(
            from: Self.at("2026-10-30 09:00", in: Self.newYork), to: Self.at("2026-11-02 18:00", in: Self.newYork))
            == 18 * 3600)

        let allDay = WorkingCalendar(timeZone: Self.newYork, workdayStart: 0, workdayEnd: 24 * 60, weekend: [])
        let springForward = Self.at("2026-03-08 00:00", in: Self.newYork)
        let fallBack = Self.at("2026-11-01 00:00", in: Self.newYork)
        #expect(allDay.workingDuration(from: springForward, to: Self.at("2026-03-09 00:00", in: Self.newYork))
            == 23 * 3600)
        #expect(allDay.workingDuration(from: fallBack, to: Self.at("2026-11-02 00:00", in: Self.newYork))
            == 25 * 3600)
        #expect(allDay.addingWorkingHours(24, to: springForward) == Self.at("2026-03-09 01:00", in: Self.newYork))
    }

    // MARK: - Edge cases and Codable

    @Test("a calendar without any working day gives up with distantFuture")
    func noWorkingDays() {
        let never = WorkingCalendar(timeZone: Self.shanghai, weekend: Set(1...7))
        #expect(never.nextWorkingStart(onOrAfter: Self.at("2026-11-23 10:00")) == .distantFuture)
        #expect(never.addingWorkingHours(1, to: Self.at("2026-11-23 10:00")) == .distantFuture)
        #expect(never.addingWorkingDays(-1, to: Self.at("2026-11-23 10:00")) == .distantPast)
    }

    @Test("encodes and decodes; impossible hours are refused")
    func codable() throws {
        let data = try JSONEncoder().encode(Self.nationalDay)
        #expect(try JSONDecoder().decode(WorkingCalendar.self, from: data) == Self.nationalDay)
        #expect(Self.nationalDay != standard)
        #expect(Set([Self.nationalDay, standard, WorkingCalendar.standard(timeZone: Self.shanghai)]).count == 2)
        let bad = Data(#"""
            {"timeZone":{"identifier":"Asia/Shanghai"},"workdayStart":600,"workdayEnd":540,
             "weekend":[1,7],"holidays":[],"extraWorkdays":[]}
            """#.utf8)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(WorkingCalendar.self, from: bad) }
    }
}

/// Long spans are counted, not walked (issue 12 §3), and agree with walking day by day.
@Suite("WorkingCalendar over long spans")
struct WorkingCalendarLongSpanTests {
    static let shanghai = WorkingCalendarTests.shanghai
    static let newYork = WorkingCalendarTests.newYork
    static let holidays = WorkingCalendar(
        timeZone: shanghai,
        holidays: Set((0..<400).map { CalendarDay(year: 2026, month: 1, day: 1).adding(days: $0 * 3) }),
        extraWorkdays: Set((0..<60).map { CalendarDay(year: 2026, month: 1, day: 3).adding(days: $0 * 14) }))

    /// `days` working days by single steps: the reference the fast path must match.
    static func stepwise(_ calendar: WorkingCalendar, _ days: Int, from date: Date) -> Date {
        var result = date
        for _ in 0..<abs(days) { result = calendar.addingWorkingDays(days > 0 ? 1 : -1, to: result) }
        return result
    }

    @Test(arguments: [17, 250, 1_000, -17, -250, -1_000])
    func manyWorkingDaysMatchSingleSteps(days: Int) {
        let start = WorkingCalendarTests.at("2026-03-04 10:30")
        for calendar in [Self.holidays, WorkingCalendar.standard(timeZone: Self.newYork)] {
            #expect(calendar.addingWorkingDays(days, to: start) == Self.stepwise(calendar, days, from: start))
        }
    }

    @Test func manyWorkingHoursMatchWholeDaysPlusTheRest() {
        let start = WorkingCalendarTests.at("2026-03-04 10:30")
        let calendar = Self.holidays
        // 900 working hours = 100 working days of 9 hours.
        #expect(calendar.addingWorkingHours(900, to: start) == calendar.addingWorkingDays(100, to: start))
        #expect(calendar.addingWorkingHours(-900, to: start) == calendar.addingWorkingDays(-100, to: start))
        #expect(calendar.addingWorkingHours(904.5, to: start) == calendar.addingWorkingHours(4.5, to: calendar.addingWorkingDays(100, to: start)))
    }

    @Test func workingDurationOverYearsMatchesTheDaysCounted() {
        let calendar = Self.holidays
        let from = WorkingCalendarTests.at("2026-03-04 10:30")
        let to = calendar.addingWorkingDays(700, to: from)
        #expect(calendar.workingDuration(from: from, to: to) == 700 * 9 * 3_600)
        let newYork = WorkingCalendar.standard(timeZone: Self.newYork)
        let nyFrom = WorkingCalendarTests.at("2026-01-05 10:00", in: Self.newYork)
        #expect(newYork.workingDuration(from: nyFrom, to: newYork.addingWorkingDays(300, to: nyFrom)) == 300 * 9 * 3_600)
    }

    @Test func absurdSpansEndAtTheHorizonInsteadOfSpinning() {
        let start = WorkingCalendarTests.at("2026-03-04 10:30")
        #expect(Self.holidays.addingWorkingDays(ProcessDuration.maximumDays, to: start) > start.addingTimeInterval(10 * 365 * 86_400))
        #expect(Self.holidays.addingWorkingDays(Int.max, to: start) == .distantFuture)
        #expect(Self.holidays.addingWorkingDays(Int.min + 1, to: start) == .distantPast)
        #expect(Self.holidays.addingWorkingHours(1e12, to: start) == .distantFuture)
    }
}
