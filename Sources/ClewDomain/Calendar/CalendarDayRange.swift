/// A day or a run of consecutive days typed as `2026-10-01` or `2026-10-01..2026-10-07`, as
/// `clew holiday add/workday/remove` take them. A range covers at most ``maximumDays`` days (a
/// year), so a typo such as `2026-01-01..2999-12-31` is refused instead of half-applied.
///
/// ```swift
/// try CalendarDayRange(parsing: "2026-10-01..2026-10-07").days.count // 7
/// ```
public struct CalendarDayRange: Hashable, Sendable {
    /// The longest range accepted, in days.
    public static let maximumDays = 366

    public let first: CalendarDay
    public let last: CalendarDay

    /// Parses `DAY` or `FIRST..LAST` (inclusive).
    /// - Throws: ``CalendarDayRangeError``.
    public init(parsing text: String) throws(CalendarDayRangeError) {
        let bounds = text.components(separatedBy: "..")
        guard (1...2).contains(bounds.count), let first = CalendarDay(bounds[0]), let last = CalendarDay(bounds[bounds.count - 1]) else {
            throw .unreadable(text)
        }
        guard first <= last else { throw .backwards(text) }
        let count = last.daysSinceEpoch - first.daysSinceEpoch + 1
        guard count <= Self.maximumDays else { throw .tooLong(text, days: count) }
        self.first = first
        self.last = last
    }

    /// Every day of the range, in order.
    public var days: [CalendarDay] {
        (0...(last.daysSinceEpoch - first.daysSinceEpoch)).map { first.adding(days: $0) }
    }
}

/// Why a typed day range was refused.
public enum CalendarDayRangeError: UserFacingError, Equatable {
    case unreadable(String)
    case backwards(String)
    case tooLong(String, days: Int)

    public var description: String {
        switch self {
        case let .unreadable(text): "cannot read '\(text)'; use 2026-10-01 or 2026-10-01..2026-10-07 (无法识别日期)"
        case let .backwards(text): "'\(text)' ends before it starts; put the earlier day first (结束日期早于开始日期)"
        case let .tooLong(text, days):
            "'\(text)' covers \(days) days; a range may cover at most \(CalendarDayRange.maximumDays) days — add each year separately (日期范围最多 \(CalendarDayRange.maximumDays) 天)"
        }
    }
}
