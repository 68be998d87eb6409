import Foundation

/// Working time from many instants up to one `end` — open stage visits measured up to now —
/// with each day's figures worked out once, so every further instant of that day is arithmetic.
///
/// ```swift
/// var meter = WorkingTimeUntil(calendar: calendar, end: now)
/// meter.seconds(from: enteredAt, on: enteredDay)   // calendar.workingDuration(from: enteredAt, to: now)
/// ```
public struct WorkingTimeUntil: Sendable {
    public let calendar: WorkingCalendar
    public let end: Date
    private var days: [CalendarDay: Day] = [:]

    private struct Day: Sendable {
        var hours: (start: Date, end: Date)?
        /// The next day's local midnight.
        var next: Date
        /// Working time from `next` to `end`.
        var rest: TimeInterval
    }

    public init(calendar: WorkingCalendar, end: Date) {
        self.calendar = calendar
        self.end = end
    }

    /// Working seconds in `[start, end)`, `start` lying on `day` (in the calendar's zone).
    public mutating func seconds(from start: Date, on day: CalendarDay) -> TimeInterval {
        guard start < end else { return 0 }
        let info = figures(on: day)
        var head: TimeInterval = 0
        if let hours = info.hours {
            let from = max(start, hours.start)
            let to = min(min(info.next, end), hours.end)
            if to > from { head = to.timeIntervalSince(from) }
        }
        return head + info.rest
    }

    /// What ``seconds(from:on:)`` works out once for `day`, for applying it to many instants
    /// elsewhere (the store counts open stage visits in SQL): from an instant `t` of `day`
    /// before `end`, the working time is `rest` plus, when `hours` is not nil,
    /// `max(0, hours.finish − max(t, hours.start))`.
    public mutating func terms(on day: CalendarDay) -> (hours: (start: Date, finish: Date)?, rest: TimeInterval) {
        let info = figures(on: day)
        return (info.hours.map { (start: $0.start, finish: min(min(info.next, end), $0.end)) }, info.rest)
    }

    private mutating func figures(on day: CalendarDay) -> Day {
        if let known = days[day] { return known }
        let next = day.adding(days: 1).date(in: calendar.timeZone)
        let info = Day(hours: calendar.workingHours(on: day), next: next,
                       rest: next < end ? calendar.workingDuration(from: next, to: end) : 0)
        days[day] = info
        return info
    }
}
