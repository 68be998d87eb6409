import Foundation

/// A span of time in a process definition: `24 working hours`, `3 working days`, `48 hours`,
/// `7 days`. Working spans are measured on the ``WorkingCalendar``.
public enum ProcessDuration: Hashable, Codable, Sendable, CustomStringConvertible {
    case workingHours(Int)
    case workingDays(Int)
    case hours(Int)
    case days(Int)

    /// The amount, whatever the unit.
    public var amount: Int {
        switch self {
        case let .workingHours(n), let .workingDays(n), let .hours(n), let .days(n): n
        }
    }

    /// `24 working hours`, the form the process file uses.
    public var description: String {
        switch self {
        case let .workingHours(n): "\(n) working hour\(n == 1 ? "" : "s")"
        case let .workingDays(n): "\(n) working day\(n == 1 ? "" : "s")"
        case let .hours(n): "\(n) hour\(n == 1 ? "" : "s")"
        case let .days(n): "\(n) day\(n == 1 ? "" : "s")"
        }
    }

    /// The longest span a process may name: ten years, in days (working or not) or in hours
    /// (`3650 days`, `87600 hours`). Longer spans are refused, so no timer or stage exit is
    /// computed over an unbounded span.
    public static let maximumDays = 3_650
    /// ``maximumDays`` in hours.
    public static let maximumHours = maximumDays * 24

    /// Why `text` is not a duration, or nil when it is one (see ``init(parsing:)``).
    public static func problem(parsing text: String) -> String? {
        let words = text.lowercased().split(separator: " ").map(String.init)
        guard words.count == 2 || words.count == 3, let first = words.first, first.count <= 12, let n = Int(first) else {
            if let first = words.first, first.allSatisfy(\.isNumber), first.count > 12 { return tooLong(text) }
            return "cannot read duration '\(text)'; use e.g. '3 working days', '24 working hours', '15 days'"
        }
        if n < 0 { return "duration '\(text)' is negative" }
        if n == 0 { return "duration '\(text)' is zero" }
        if words.count == 3 && words[1] != "working" || !["hour", "hours", "day", "days"].contains(words[words.count - 1]) {
            return "cannot read duration '\(text)'; use e.g. '3 working days', '24 working hours', '15 days'"
        }
        if n > (words[words.count - 1].hasPrefix("hour") ? maximumHours : maximumDays) { return tooLong(text) }
        return nil
    }

    private static func tooLong(_ text: String) -> String {
        "duration '\(text)' is longer than ten years (at most \(maximumDays) days or \(maximumHours) hours; 期限最长十年)"
    }

    /// Parses `3 working days`, `1 working hour`, `48 hours`, `15 days` (positive amounts only).
    public init?(parsing text: String) {
        guard Self.problem(parsing: text) == nil else { return nil }
        let words = text.lowercased().split(separator: " ").map(String.init)
        guard let n = Int(words[0]), let unit = words.last else { return nil }
        let working = words.count == 3
        switch (working, unit.hasPrefix("hour")) {
        case (true, true): self = .workingHours(n)
        case (true, false): self = .workingDays(n)
        case (false, true): self = .hours(n)
        case (false, false): self = .days(n)
        }
    }

    /// The same span as a stage's ``ExpectedDuration``, when it is in days.
    public var expectedDuration: ExpectedDuration? {
        switch self {
        case let .workingDays(n): .workingDays(n)
        case let .days(n): .days(n)
        default: nil
        }
    }

    /// A stage's expected duration as a process duration.
    public init(_ expected: ExpectedDuration) {
        switch expected {
        case let .workingDays(n): self = .workingDays(n)
        case let .days(n): self = .days(n)
        }
    }

    /// The instant this long after `date`: working spans on `calendar`, plain spans by the clock.
    public func date(after date: Date, on calendar: WorkingCalendar) -> Date {
        switch self {
        case let .workingHours(n): calendar.addingWorkingHours(Double(n), to: date)
        case let .workingDays(n): calendar.addingWorkingDays(n, to: date)
        case let .hours(n): date.addingTimeInterval(Double(n) * 3_600)
        case let .days(n): date.addingTimeInterval(Double(n) * 86_400)
        }
    }

    /// The latest instant whose span ends at or before `date`: anything that started at or
    /// before it has run this long by `date`.
    public func date(before date: Date, on calendar: WorkingCalendar) -> Date {
        switch self {
        case let .workingHours(n): calendar.addingWorkingHours(-Double(n), to: date)
        case let .workingDays(n): calendar.addingWorkingDays(-n, to: date)
        case let .hours(n): date.addingTimeInterval(-Double(n) * 3_600)
        case let .days(n): date.addingTimeInterval(-Double(n) * 86_400)
        }
    }
}
