import Foundation

extension ProcessDuration {
    /// Whether something that started at `start` and happened at `end` kept within this span —
    /// `end` at or before ``date(after:on:)`` — answered without the calendar where the clock
    /// alone decides: a working span is never shorter than the same number of plain hours (or of
    /// whole days, for working days), so an `end` that soon is always in time. Reports ask this
    /// for every lead of a period; most answers need no calendar walk.
    public func isKept(from start: Date, to end: Date, on calendar: WorkingCalendar) -> Bool {
        let elapsed = end.timeIntervalSince(start)
        switch self {
        case let .hours(n): return elapsed <= Double(n) * 3_600
        case let .days(n): return elapsed <= Double(n) * 86_400
        case let .workingHours(n) where elapsed <= Double(n) * 3_600: return true
        case let .workingDays(n) where elapsed <= Double(n) * 86_400: return true
        case .workingHours, .workingDays: return end <= date(after: start, on: calendar)
        }
    }
}
