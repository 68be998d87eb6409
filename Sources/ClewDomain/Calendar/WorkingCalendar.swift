import Foundation

/// Working time for SLAs, stage durations and reminders (DESIGN §5): which days are worked, and
/// the working hours of each, in one time zone.
///
/// A day is a working day when it is listed in `extraWorkdays` (调休, a make-up working day on a
/// weekend), or when it is neither a holiday nor a weekend day; a holiday always wins over an
/// extra workday listing the same day. Working time on a working day is the half-open wall-clock
/// interval `[workdayStart, workdayEnd)`, computed per day, so it is right across DST changes.
///
/// ```swift
/// let shanghai = TimeZone(identifier: "Asia/Shanghai")!
/// let calendar = WorkingCalendar.standard(timeZone: shanghai)  // Mon–Fri 09:00–18:00
/// calendar.addingWorkingHours(2, to: friday1700)               // Monday 10:00
/// calendar.addingWorkingDays(1, to: friday1000)                // Monday 10:00
/// ```
///
/// If no working day exists within ten years of a date (every day a weekend or a holiday), the
/// methods that search for one return `Date.distantFuture` (or `Date.distantPast` going back).
public struct WorkingCalendar: Sendable, Hashable, Codable {

    // MARK: - Configuration

    /// The zone whose wall clock defines days and working hours.
    public let timeZone: TimeZone
    /// Start of the working day, in minutes after local midnight (540 = 09:00).
    public let workdayStart: Int
    /// End of the working day, in minutes after local midnight (1080 = 18:00); exclusive.
    public let workdayEnd: Int
    /// Weekend days in `Calendar` numbering (Sunday = 1, Saturday = 7).
    public let weekend: Set<Int>
    /// Public holidays: never worked.
    public let holidays: Set<CalendarDay>
    /// Make-up working days (调休) that fall on a weekend.
    public let extraWorkdays: Set<CalendarDay>

    private let calendar: Calendar

    /// How far the search for a working day goes before giving up.
    private static let searchLimitDays = 3_660

    // MARK: - Creating

    /// Creates a calendar. `workdayStart` and `workdayEnd` are minutes after local midnight with
    /// `0 <= workdayStart < workdayEnd <= 1440`; weekend days are `Calendar` weekday numbers 1–7.
    ///
    /// ```swift
    /// let calendar = WorkingCalendar(
    ///     timeZone: TimeZone(identifier: "Asia/Shanghai")!,
    ///     holidays: Set((1...7).compactMap { CalendarDay("2026-10-0\($0)") }),
    ///     extraWorkdays: [CalendarDay(year: 2026, month: 10, day: 10)])
    /// ```
    public init(
        timeZone: TimeZone,
        workdayStart: Int = 9 * 60,
        workdayEnd: Int = 18 * 60,
        weekend: Set<Int> = [1, 7],
        holidays: Set<CalendarDay> = [],
        extraWorkdays: Set<CalendarDay> = []
    ) {
        precondition(Self.isValidDay(start: workdayStart, end: workdayEnd),
                     "working hours must satisfy 0 <= start < end <= 1440 minutes")
        self.timeZone = timeZone
        self.workdayStart = workdayStart
        self.workdayEnd = workdayEnd
        self.weekend = weekend
        self.holidays = holidays
        self.extraWorkdays = extraWorkdays
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        self.calendar = calendar
    }

    /// Monday to Friday, 09:00–18:00, no holidays, in `timeZone`.
    public static func standard(timeZone: TimeZone = .current) -> WorkingCalendar {
        WorkingCalendar(timeZone: timeZone)
    }

    private static func isValidDay(start: Int, end: Int) -> Bool {
        start >= 0 && start < end && end <= 24 * 60
    }

    // MARK: - Questions

    /// Whether `day` is worked: an extra workday, or neither a holiday nor a weekend day.
    public func isWorkingDay(_ day: CalendarDay) -> Bool {
        if holidays.contains(day) { return false }
        return extraWorkdays.contains(day) || !weekend.contains(day.weekday)
    }

    /// Whether the day `date` falls on (in ``timeZone``) is a working day.
    public func isWorkingDay(_ date: Date) -> Bool {
        isWorkingDay(CalendarDay.containing(date, using: calendar))
    }

    /// Whether `date` lies inside working hours (`start <= date < end`) of a working day.
    public func isWorkingTime(_ date: Date) -> Bool {
        let day = CalendarDay.containing(date, using: calendar)
        return isWorkingDay(day) && start(of: day) <= date && date < end(of: day)
    }

    /// The working hours of `day` as instants (`start <= t < end`); nil when it is not worked.
    public func workingHours(on day: CalendarDay) -> (start: Date, end: Date)? {
        isWorkingDay(day) ? (start(of: day), end(of: day)) : nil
    }

    /// The earliest instant at or after `date` that is working time: `date` itself when it is
    /// working time, otherwise the start of the next working period.
    ///
    /// ```swift
    /// calendar.nextWorkingStart(onOrAfter: friday2000) // Monday 09:00
    /// calendar.nextWorkingStart(onOrAfter: monday1030) // Monday 10:30 (unchanged)
    /// ```
    public func nextWorkingStart(onOrAfter date: Date) -> Date {
        forwardPosition(date)?.instant ?? .distantFuture
    }

    // MARK: - Arithmetic

    /// The instant `hours` of working time after `date`, counting only working hours of working
    /// days. A start outside working time first moves to ``nextWorkingStart(onOrAfter:)``, so
    /// adding 0 hours during working time returns `date`. Landing exactly on a day's end returns
    /// that end (Friday 17:00 + 1 h = Friday 18:00). Negative hours count backwards, a start
    /// outside working time first moving back to the previous working end.
    ///
    /// ```swift
    /// calendar.addingWorkingHours(2, to: friday1700)  // Monday 10:00
    /// calendar.addingWorkingHours(24, to: monday0900) // Wednesday 15:00 (24/9 working days)
    /// ```
    public func addingWorkingHours(_ hours: Double, to date: Date) -> Date {
        guard hours.isFinite else { return date }
        if abs(hours) > Double(Self.arithmeticLimitDays) * 24 { return hours > 0 ? .distantFuture : .distantPast }
        return hours >= 0 ? forward(hours * 3600, from: date) : backward(-hours * 3600, from: date)
    }

    /// The same working time of day, `days` working days later (earlier when negative).
    ///
    /// The rule: the start is first placed on a working day — kept when it lies within that
    /// day's working hours, its end included (`start <= date <= end`); otherwise moved to the next
    /// working start (for `days >= 0`) or back to the previous working end (for `days < 0`). Its
    /// offset from that day's working start is then applied to the working day `days` away.
    /// Holidays are skipped and extra workdays (调休 Saturdays) count.
    ///
    /// ```swift
    /// calendar.addingWorkingDays(1, to: friday1000)  // Monday 10:00
    /// calendar.addingWorkingDays(1, to: friday2000)  // Tuesday 09:00 (Monday 09:00 + 1)
    /// calendar.addingWorkingDays(-1, to: monday1000) // Friday 10:00
    /// ```
    public func addingWorkingDays(_ days: Int, to date: Date) -> Date {
        guard abs(days) <= Self.arithmeticLimitDays, let (startDay, offset) = dayPosition(date, forward: days >= 0) else {
            return days >= 0 ? .distantFuture : .distantPast
        }
        guard let day = advance(startDay, byWorkingDays: abs(days), step: days >= 0 ? 1 : -1) else {
            return days >= 0 ? .distantFuture : .distantPast
        }
        return start(of: day).addingTimeInterval(offset)
    }

    /// Seconds of working time in `[from, to)`; 0 when `to <= from`.
    ///
    /// ```swift
    /// calendar.workingDuration(from: friday1700, to: monday1000) // 7200 (1 h + 1 h)
    /// ```
    public func workingDuration(from: Date, to: Date) -> TimeInterval {
        guard to > from else { return 0 }
        let firstDay = CalendarDay.containing(from, using: calendar)
        let lastDay = CalendarDay.containing(to, using: calendar)
        func overlap(_ day: CalendarDay) -> TimeInterval {
            guard isWorkingDay(day) else { return 0 }
            let overlapStart = max(start(of: day), from)
            let overlapEnd = min(end(of: day), to)
            return overlapEnd > overlapStart ? overlapEnd.timeIntervalSince(overlapStart) : 0
        }
        // The days in between are whole working days: counted, not walked, when no clock change
        // falls between (every working day then has the same length).
        if lastDay.daysSinceEpoch - firstDay.daysSinceEpoch > 2, !hasClockChange(from: from, to: to) {
            let inner = workingDays(after: firstDay, through: lastDay.adding(days: -1))
            return overlap(firstDay) + Double(inner) * nominalDayLength + overlap(lastDay)
        }
        var day = firstDay
        var total: TimeInterval = 0
        while day <= lastDay {
            total += overlap(day)
            day = day.adding(days: 1)
        }
        return total
    }

    // MARK: - Counting working days

    /// No arithmetic goes further than this many days (a hundred years): durations are capped
    /// far below it (``ProcessDuration/maximumDays``), so only a corrupt value reaches it.
    static let arithmeticLimitDays = 36_500

    /// The length of a working day in seconds, when no clock change falls inside it.
    private var nominalDayLength: TimeInterval { Double(workdayEnd - workdayStart) * 60 }

    /// Whether the zone's offset from UTC changes (a DST transition) in `[from, to]`.
    private func hasClockChange(from: Date, to: Date) -> Bool {
        guard let transition = timeZone.nextDaylightSavingTimeTransition(after: from.addingTimeInterval(-1)) else { return false }
        return transition <= to
    }

    /// How many working days lie in `(after, through]`, by whole weeks and the holiday and
    /// make-up day lists rather than day by day.
    func workingDays(after first: CalendarDay, through last: CalendarDay) -> Int {
        let span = last.daysSinceEpoch - first.daysSinceEpoch
        guard span > 0 else { return 0 }
        let workdaysPerWeek = 7 - weekend.intersection(1...7).count
        var count = (span / 7) * workdaysPerWeek
        var day = first.adding(days: (span / 7) * 7 + 1)
        while day <= last {
            if !weekend.contains(day.weekday) { count += 1 }
            day = day.adding(days: 1)
        }
        let range = first.adding(days: 1)...last
        for holiday in holidays where range.contains(holiday) && !weekend.contains(holiday.weekday) { count -= 1 }
        for extra in extraWorkdays where range.contains(extra) && weekend.contains(extra.weekday) && !holidays.contains(extra) { count += 1 }
        return count
    }

    /// The working day `count` working days from `day` in the direction of `step` (+1 or -1):
    /// whole weeks are skipped by counting, the last few days walked. Nil when the calendar has
    /// no working day within the search limit.
    private func advance(_ day: CalendarDay, byWorkingDays count: Int, step: Int) -> CalendarDay? {
        var day = day
        var remaining = count
        let workdaysPerWeek = 7 - weekend.intersection(1...7).count
        var weeks = workdaysPerWeek > 0 ? remaining / workdaysPerWeek - 1 : 0
        while weeks > 0 && remaining > 2 * workdaysPerWeek {
            let candidate = day.adding(days: 7 * weeks * step)
            let skipped = step > 0 ? workingDays(after: day, through: candidate)
                : workingDays(after: candidate.adding(days: -1), through: day.adding(days: -1))
            if skipped < remaining {
                day = candidate
                remaining -= skipped
                weeks = min(weeks, remaining / workdaysPerWeek - 1)
            } else {
                weeks /= 2
            }
        }
        for _ in 0..<remaining {
            guard let next = workingDay(from: day.adding(days: step), step: step) else { return nil }
            day = next
        }
        return day
    }

    // MARK: - Walking through working periods

    private func forward(_ seconds: TimeInterval, from date: Date) -> Date {
        guard var position = forwardPosition(date) else { return .distantFuture }
        var remaining = seconds
        while true {
            let available = end(of: position.day).timeIntervalSince(position.instant)
            if remaining <= available { return position.instant.addingTimeInterval(remaining) }
            remaining -= available
            var day = position.day
            let wholeDays = Int(remaining / nominalDayLength) - 1
            if wholeDays > 7, let last = advance(day, byWorkingDays: wholeDays, step: 1),
               !hasClockChange(from: position.instant, to: end(of: last)) {
                day = last
                remaining -= Double(wholeDays) * nominalDayLength
            }
            guard let next = workingDay(from: day.adding(days: 1), step: 1) else {
                return .distantFuture
            }
            position = (next, start(of: next))
        }
    }

    private func backward(_ seconds: TimeInterval, from date: Date) -> Date {
        guard var position = backwardPosition(date) else { return .distantPast }
        var remaining = seconds
        while true {
            let available = position.instant.timeIntervalSince(start(of: position.day))
            if remaining <= available { return position.instant.addingTimeInterval(-remaining) }
            remaining -= available
            var day = position.day
            let wholeDays = Int(remaining / nominalDayLength) - 1
            if wholeDays > 7, let first = advance(day, byWorkingDays: wholeDays, step: -1),
               !hasClockChange(from: start(of: first), to: position.instant) {
                day = first
                remaining -= Double(wholeDays) * nominalDayLength
            }
            guard let previous = workingDay(from: day.adding(days: -1), step: -1) else {
                return .distantPast
            }
            position = (previous, end(of: previous))
        }
    }

    /// `date` if it is working time, else the next working start; with the working day it is on.
    private func forwardPosition(_ date: Date) -> (day: CalendarDay, instant: Date)? {
        let day = CalendarDay.containing(date, using: calendar)
        if isWorkingDay(day) {
            if date < start(of: day) { return (day, start(of: day)) }
            if date < end(of: day) { return (day, date) }
        }
        guard let next = workingDay(from: day.adding(days: 1), step: 1) else { return nil }
        return (next, start(of: next))
    }

    /// `date` if it is in `(start, end]` of a working day, else the previous working end.
    private func backwardPosition(_ date: Date) -> (day: CalendarDay, instant: Date)? {
        let day = CalendarDay.containing(date, using: calendar)
        if isWorkingDay(day) {
            if date > end(of: day) { return (day, end(of: day)) }
            if date > start(of: day) { return (day, date) }
        }
        guard let previous = workingDay(from: day.adding(days: -1), step: -1) else { return nil }
        return (previous, end(of: previous))
    }

    /// The working day `date` is placed on by ``addingWorkingDays(_:to:)`` and its offset in
    /// seconds from that day's working start.
    private func dayPosition(_ date: Date, forward: Bool) -> (CalendarDay, TimeInterval)? {
        let day = CalendarDay.containing(date, using: calendar)
        if isWorkingDay(day), start(of: day) <= date, date <= end(of: day) {
            return (day, date.timeIntervalSince(start(of: day)))
        }
        if forward {
            return forwardPosition(date).map { ($0.day, 0) }
        }
        return backwardPosition(date).map { ($0.day, $0.instant.timeIntervalSince(start(of: $0.day))) }
    }

    /// The first working day at `day` or beyond it in the direction of `step` (+1 or -1).
    private func workingDay(from day: CalendarDay, step: Int) -> CalendarDay? {
        var candidate = day
        for _ in 0..<Self.searchLimitDays {
            if isWorkingDay(candidate) { return candidate }
            candidate = candidate.adding(days: step)
        }
        return nil
    }

    private func start(of day: CalendarDay) -> Date { day.date(using: calendar, minute: workdayStart) }

    private func end(of day: CalendarDay) -> Date { day.date(using: calendar, minute: workdayEnd) }

    // MARK: - Hashable and Codable

    private enum CodingKeys: String, CodingKey {
        case timeZone, workdayStart, workdayEnd, weekend, holidays, extraWorkdays
    }

    /// Decodes a calendar, refusing working hours outside `0 <= start < end <= 1440`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let start = try container.decode(Int.self, forKey: .workdayStart)
        let end = try container.decode(Int.self, forKey: .workdayEnd)
        guard Self.isValidDay(start: start, end: end) else {
            throw DecodingError.dataCorruptedError(
                forKey: .workdayEnd, in: container,
                debugDescription: "working hours \(start)–\(end) minutes must satisfy 0 <= start < end <= 1440")
        }
        self.init(
            timeZone: try container.decode(TimeZone.self, forKey: .timeZone),
            workdayStart: start,
            workdayEnd: end,
            weekend: try container.decode(Set<Int>.self, forKey: .weekend),
            holidays: try container.decode(Set<CalendarDay>.self, forKey: .holidays),
            extraWorkdays: try container.decode(Set<CalendarDay>.self, forKey: .extraWorkdays))
    }

    /// Encodes the configuration (time zone, hours, weekend, holidays, extra workdays).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(timeZone, forKey: .timeZone)
        try container.encode(workdayStart, forKey: .workdayStart)
        try container.encode(workdayEnd, forKey: .workdayEnd)
        try container.encode(weekend, forKey: .weekend)
        try container.encode(holidays, forKey: .holidays)
        try container.encode(extraWorkdays, forKey: .extraWorkdays)
    }

    /// Hashes the configuration (the time zone by identifier).
    public func hash(into hasher: inout Hasher) {
        hasher.combine(timeZone.identifier)
        hasher.combine(workdayStart)
        hasher.combine(workdayEnd)
        hasher.combine(weekend)
        hasher.combine(holidays)
        hasher.combine(extraWorkdays)
    }

    /// Two calendars are equal when their configuration is.
    public static func == (lhs: WorkingCalendar, rhs: WorkingCalendar) -> Bool {
        lhs.timeZone.identifier == rhs.timeZone.identifier && lhs.workdayStart == rhs.workdayStart
            && lhs.workdayEnd == rhs.workdayEnd && lhs.weekend == rhs.weekend
            && lhs.holidays == rhs.holidays && lhs.extraWorkdays == rhs.extraWorkdays
    }
}
