import Foundation

/// How a trend splits its period: by day, by ISO week (Monday first) or by calendar month.
public enum ReportGranularity: String, Sendable, Codable, CaseIterable {
    case day, week, month

    /// The buckets that cover `period`, in order. The first and last bucket are cut to the
    /// period, so every day of the period is in exactly one bucket.
    public func buckets(covering period: ReportPeriod, in timeZone: TimeZone) -> [ReportBucket] {
        var buckets: [ReportBucket] = []
        var start = period.first
        while start <= period.last {
            let natural = nextStart(after: start)
            let end = min(natural.adding(days: -1), period.last)
            buckets.append(ReportBucket(first: start, last: end, label: label(start), timeZone: timeZone))
            start = end.adding(days: 1)
        }
        return buckets
    }

    /// The first day of the bucket after the one holding `day`.
    private func nextStart(after day: CalendarDay) -> CalendarDay {
        switch self {
        case .day:
            return day.adding(days: 1)
        case .week:
            // Calendar numbering: Monday = 2 … Sunday = 1; days until next Monday.
            let daysFromMonday = (day.weekday + 5) % 7
            return day.adding(days: 7 - daysFromMonday)
        case .month:
            return day.month == 12 ? CalendarDay(year: day.year + 1, month: 1, day: 1) : CalendarDay(year: day.year, month: day.month + 1, day: 1)
        }
    }

    /// `2026-11-23`, `2026-W48` or `2026-11`: a label that sorts as text.
    private func label(_ start: CalendarDay) -> String {
        switch self {
        case .day:
            return start.description
        case .week:
            let (year, week) = Self.isoWeek(of: start)
            return "\(year)-W\(week < 10 ? "0" : "")\(week)"
        case .month:
            return "\(start.year)-\(start.month < 10 ? "0" : "")\(start.month)"
        }
    }

    /// The ISO-8601 week-numbering year and week of `day`.
    static func isoWeek(of day: CalendarDay) -> (year: Int, week: Int) {
        let daysFromMonday = (day.weekday + 5) % 7
        let thursday = day.adding(days: 3 - daysFromMonday)
        let january1 = CalendarDay(year: thursday.year, month: 1, day: 1)
        let week = (thursday.daysSinceEpoch - january1.daysSinceEpoch) / 7 + 1
        return (thursday.year, week)
    }
}

/// One step of a trend: its days, instants and label.
public struct ReportBucket: Hashable, Sendable, Codable {
    public let first: CalendarDay
    public let last: CalendarDay
    /// `2026-W48` or `2026-11`.
    public let label: String
    /// Local midnight of ``first`` and of the day after ``last``.
    public let from: Date
    public let to: Date

    init(first: CalendarDay, last: CalendarDay, label: String, timeZone: TimeZone) {
        self.first = first
        self.last = last
        self.label = label
        from = first.date(in: timeZone)
        to = last.adding(days: 1).date(in: timeZone)
    }
}
