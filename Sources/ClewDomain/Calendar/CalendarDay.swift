import Foundation

/// A day on the Gregorian calendar, without a time or a time zone: a holiday, a make-up working
/// day (调休), the date inside a lead number.
///
/// Prints and parses as `YYYY-MM-DD`, and encodes as that string:
///
/// ```swift
/// let nationalDay = CalendarDay(year: 2026, month: 10, day: 1)
/// nationalDay.description                  // "2026-10-01"
/// CalendarDay("2026-10-01") == nationalDay // true
/// CalendarDay("2026-02-30")                // nil
/// ```
public struct CalendarDay: Hashable, Sendable, Codable, Comparable, CustomStringConvertible,
    LosslessStringConvertible {

    // MARK: - Fields

    /// The year, 1–9999.
    public let year: Int
    /// The month, 1–12.
    public let month: Int
    /// The day of the month, 1–31 (depending on the month).
    public let day: Int

    // MARK: - Creating

    /// Creates a day from its parts, which must form a real date (check with
    /// ``isValid(year:month:day:)`` first, or use ``init(_:)`` for untrusted text).
    ///
    /// ```swift
    /// let day = CalendarDay(year: 2026, month: 11, day: 23)
    /// ```
    public init(year: Int, month: Int, day: Int) {
        precondition(Self.isValid(year: year, month: month, day: day),
                     "\(year)-\(month)-\(day) is not a date")
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD` (exactly 4, 2 and 2 ASCII digits; surrounding white space is ignored);
    /// nil for anything else or a date that does not exist.
    ///
    /// ```swift
    /// CalendarDay("2028-02-29") // a leap day
    /// CalendarDay("2026-2-1")   // nil: write 2026-02-01
    /// ```
    public init?(_ description: String) {
        let parts = TextNormalization.trimmed(description).split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let year = Self.number(parts[0]), let month = Self.number(parts[1]),
              let day = Self.number(parts[2]), Self.isValid(year: year, month: month, day: day)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Whether `year-month-day` exists on the Gregorian calendar (years 1–9999).
    ///
    /// ```swift
    /// CalendarDay.isValid(year: 2026, month: 2, day: 29) // false
    /// ```
    public static func isValid(year: Int, month: Int, day: Int) -> Bool {
        guard (1...9999).contains(year), (1...12).contains(month), day >= 1 else { return false }
        return day <= daysIn(month: month, year: year)
    }

    /// The day a given instant falls on in `timeZone`.
    ///
    /// ```swift
    /// CalendarDay.containing(Date(timeIntervalSince1970: 0), in: TimeZone(identifier: "Asia/Shanghai")!)
    /// // 1970-01-01 (08:00 local)
    /// ```
    public static func containing(_ date: Date, in timeZone: TimeZone) -> CalendarDay {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return containing(date, using: calendar)
    }

    /// The day `date` falls on in `calendar`'s time zone (lets a caller reuse one `Calendar`).
    static func containing(_ date: Date, using calendar: Calendar) -> CalendarDay {
        // The arithmetic way, for the Gregorian years Foundation's calendar is Gregorian in
        // (after 1582) and below year 5000: the zone's offset at that instant, then whole days —
        // Foundation's `dateComponents` costs microseconds, and the tick and the reports ask this
        // for every lead they look at.
        let seconds = date.timeIntervalSince1970
        if seconds > -1.2e10, seconds < 9.5e10 {
            let local = seconds + Double(calendar.timeZone.secondsFromGMT(for: date))
            return CalendarDay(daysSinceEpoch: Int((local / 86_400).rounded(.down)))
        }
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        let year = min(max(parts.year ?? 1970, 1), 9999)
        return CalendarDay(unchecked: year, parts.month ?? 1, parts.day ?? 1)
    }

    private init(unchecked year: Int, _ month: Int, _ day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    // MARK: - Arithmetic

    /// The day `days` later (earlier when negative).
    ///
    /// ```swift
    /// CalendarDay("2026-12-31")?.adding(days: 1) // 2027-01-01
    /// ```
    public func adding(days: Int) -> CalendarDay {
        Self(daysSinceEpoch: daysSinceEpoch + days)
    }

    /// The weekday in `Calendar` numbering: Sunday = 1, Monday = 2, …, Saturday = 7.
    ///
    /// ```swift
    /// CalendarDay("2026-10-10")?.weekday // 7 (a Saturday)
    /// ```
    public var weekday: Int {
        // 1970-01-01 was a Thursday (5).
        let offset = (daysSinceEpoch + 4) % 7
        return (offset < 0 ? offset + 7 : offset) + 1
    }

    /// Local midnight of this day in `timeZone` (the first instant of the day where a DST change
    /// skips midnight).
    public func date(in timeZone: TimeZone) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return date(using: calendar, minute: 0)
    }

    /// The instant of wall-clock `minute` (0–1440; 1440 is the next midnight) of this day in
    /// `calendar`'s time zone. A wall time skipped by DST resolves as Foundation does (later).
    func date(using calendar: Calendar, minute: Int) -> Date {
        if minute >= 24 * 60 { return adding(days: 1).date(using: calendar, minute: minute - 24 * 60) }
        // The arithmetic way when the zone's offset is the same for a day either side (no
        // daylight-saving change near: the wall time exists once); Foundation otherwise.
        let wall = Double(daysSinceEpoch * 86_400 + minute * 60)
        if year > 1582, year < 5000 {
            let zone = calendar.timeZone
            let offset = zone.secondsFromGMT(for: Date(timeIntervalSince1970: wall))
            let instant = wall - Double(offset)
            if zone.secondsFromGMT(for: Date(timeIntervalSince1970: instant - 86_400)) == offset,
               zone.secondsFromGMT(for: Date(timeIntervalSince1970: instant + 86_400)) == offset {
                return Date(timeIntervalSince1970: instant)
            }
        }
        let parts = DateComponents(year: year, month: month, day: day, hour: minute / 60, minute: minute % 60)
        if let date = calendar.date(from: parts) { return date }
        // Fallback that cannot fail: UTC wall time shifted by the zone's offset near that time.
        let utc = Date(timeIntervalSince1970: Double(daysSinceEpoch * 86_400 + minute * 60))
        return utc.addingTimeInterval(-Double(calendar.timeZone.secondsFromGMT(for: utc)))
    }

    // MARK: - Days since 1970-01-01 (proleptic Gregorian)

    /// Days since 1970-01-01 (negative before it).
    var daysSinceEpoch: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    init(daysSinceEpoch days: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        self.init(unchecked: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    // MARK: - Helpers

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    private static func number(_ text: Substring) -> Int? {
        guard text.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int(text)
    }

    static func padded(_ value: Int, to width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    // MARK: - Protocols

    /// `YYYY-MM-DD`, e.g. `2026-10-01`.
    public var description: String {
        "\(Self.padded(year, to: 4))-\(Self.padded(month, to: 2))-\(Self.padded(day, to: 2))"
    }

    /// Earlier days sort first.
    public static func < (lhs: CalendarDay, rhs: CalendarDay) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// Decodes the `YYYY-MM-DD` string.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let day = CalendarDay(text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "\"\(text)\" is not a date in the form YYYY-MM-DD")
        }
        self = day
    }

    /// Encodes as the `YYYY-MM-DD` string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

extension Date {
    /// The start of the local day holding this moment in `zone` (midnight there; a day's first
    /// moment even where a clock change skips midnight).
    public func startOfDay(in zone: TimeZone) -> Date { CalendarDay.containing(self, in: zone).date(in: zone) }
}
