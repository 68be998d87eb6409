import Foundation

/// The dates a report covers: from `from` (inclusive) up to `to` (exclusive), as whole days in
/// the team's time zone.
///
/// ```swift
/// let november = try ReportPeriod(from: CalendarDay("2026-11-01")!, through: CalendarDay("2026-11-30")!, in: tz)
/// november.previous   // 2026-10-02 … 2026-10-31: the same number of days just before
/// ```
public struct ReportPeriod: Hashable, Sendable, Codable {
    /// The first day.
    public let first: CalendarDay
    /// The last day (inclusive).
    public let last: CalendarDay
    /// The first instant (local midnight of ``first``).
    public let from: Date
    /// The instant just after the period (local midnight after ``last``).
    public let to: Date

    /// The longest period a report may cover: ten years, so bucket lists and loops stay bounded.
    public static let maximumDays = 3_660

    /// A period of whole days from `first` through `last`.
    ///
    /// - Throws: ``ReportError/emptyPeriod(first:last:)`` when `last` is before `first`;
    ///   ``ReportError/periodTooLong(days:)`` past ``maximumDays``.
    public init(from first: CalendarDay, through last: CalendarDay, in timeZone: TimeZone) throws(ReportError) {
        guard first <= last else { throw .emptyPeriod(first: first, last: last) }
        let days = last.daysSinceEpoch - first.daysSinceEpoch + 1
        guard days <= Self.maximumDays else { throw .periodTooLong(days: days) }
        self.first = first
        self.last = last
        from = first.date(in: timeZone)
        to = last.adding(days: 1).date(in: timeZone)
    }

    /// The calendar month that contains `date` (the default period of every report).
    public static func month(containing date: Date, in timeZone: TimeZone) -> ReportPeriod {
        let day = CalendarDay.containing(date, in: timeZone)
        let first = CalendarDay(year: day.year, month: day.month, day: 1)
        let next = day.month == 12 ? CalendarDay(year: day.year + 1, month: 1, day: 1) : CalendarDay(year: day.year, month: day.month + 1, day: 1)
        // A month is at most 31 days: always within the limits.
        return ReportPeriod(unchecked: first, last: next.adding(days: -1), in: timeZone)
    }

    /// How many days the period has.
    public var days: Int { last.daysSinceEpoch - first.daysSinceEpoch + 1 }

    /// The period of the same length that ends the day before this one starts: what "vs the
    /// previous period" compares with.
    public func previous(in timeZone: TimeZone) -> ReportPeriod {
        ReportPeriod(unchecked: first.adding(days: -days), last: first.adding(days: -1), in: timeZone)
    }

    /// Whether `date` falls inside the period.
    public func contains(_ date: Date) -> Bool { date >= from && date < to }

    private init(unchecked first: CalendarDay, last: CalendarDay, in timeZone: TimeZone) {
        self.first = first
        self.last = last
        from = first.date(in: timeZone)
        to = last.adding(days: 1).date(in: timeZone)
    }
}
