import Foundation

/// The ranges a dashboard steps through: this week, month or quarter, or the last 30 or 90 days,
/// and the same range any number of periods back (`offset` −1 is last week, last month, …).
///
/// ```swift
/// ReportRange.month.period(at: now, offset: -1, in: tz)   // the whole of last month
/// ReportRange.last30.period(at: now, offset: 0, in: tz)   // today and the 29 days before
/// ```
public enum ReportRange: String, Sendable, Codable, CaseIterable {
    case week, month, quarter, last30, last90

    /// How far back or forward a range may be stepped (ten years of weeks), so arithmetic on
    /// days stays far inside ``ReportPeriod``'s limits.
    public static let maximumOffset = 520

    /// The period `offset` steps from the one containing `now` (0: the current one).
    public func period(at now: Date, offset: Int, in timeZone: TimeZone) -> ReportPeriod {
        let offset = min(max(offset, -Self.maximumOffset), Self.maximumOffset)
        let today = CalendarDay.containing(now, in: timeZone)
        let first: CalendarDay
        let last: CalendarDay
        switch self {
        case .week:
            let monday = today.adding(days: -((today.weekday + 5) % 7) + 7 * offset)
            (first, last) = (monday, monday.adding(days: 6))
        case .month, .quarter:
            let months = self == .month ? 1 : 3
            let startMonth = (today.month - 1) / months * months          // 0-based month of the range's start
            let index = today.year * 12 + startMonth + offset * months      // months since year 0
            first = CalendarDay(year: index / 12, month: index % 12 + 1, day: 1)
            let next = index + months
            last = CalendarDay(year: next / 12, month: next % 12 + 1, day: 1).adding(days: -1)
        case .last30, .last90:
            let days = self == .last30 ? 30 : 90
            let end = today.adding(days: days * offset)
            (first, last) = (end.adding(days: 1 - days), end)
        }
        // At most 92 days and within ±520 steps of today: always a valid period.
        return (try? ReportPeriod(from: first, through: last, in: timeZone))
            ?? ReportPeriod.month(containing: now, in: timeZone)
    }

    /// How a trend over the range is split: by day up to a month, by week beyond.
    public var granularity: ReportGranularity {
        switch self {
        case .week, .month, .last30: .day
        case .quarter, .last90: .week
        }
    }

    /// The next range in the order the dashboard's range key cycles through.
    public var next: ReportRange {
        let all = Self.allCases
        return all[((all.firstIndex(of: self) ?? 0) + 1) % all.count]
    }
}
