import Foundation

/// A span of whole days for receivables: a plan's period (`30d`, `1 month`) or a reminder
/// level's offset from the due date (`-3 days`, `0 days`, `+30 days`, `2 working days`).
///
/// The day and working-day forms are the process file's one duration grammar
/// (``ProcessDuration``, `15 days`, `3 working days`), with a sign, zero, the `30d` shorthand
/// and calendar months added: a month is a calendar month, so one month from Jan 31 is the last
/// day of February (28 or 29) and two months from it is Mar 31 — each date counted from the
/// start, never from the clipped date before it.
///
/// ```swift
/// try CalendarSpan(parsing: "1 month").day(after: CalendarDay("2027-01-31")!, times: 1, on: calendar) // 2027-02-28
/// try CalendarSpan(parsing: "-3 days")  // .days(-3)
/// ```
public enum CalendarSpan: Hashable, Sendable, Codable, CustomStringConvertible {
    /// Calendar days (negative: before).
    case days(Int)
    /// Working days on the ``WorkingCalendar`` (negative: before).
    case workingDays(Int)
    /// Calendar months, the day of the month clipped to the month's last day.
    case months(Int)

    /// The longest span: ten years (``ProcessDuration/maximumDays`` days, 120 months).
    public static let maximumMonths = 120

    /// Parses `30d`, `30 days`, `-3 days`, `+30 days`, `0 days`, `2 working days`, `1 month`,
    /// `6 months`, `2 weeks`.
    ///
    /// - Throws: ``CalendarSpanError`` naming what could not be read.
    public init(parsing text: String) throws(CalendarSpanError) {
        var body = TextNormalization.halfWidth(text).trimmingCharacters(in: .whitespaces).lowercased()
        var sign = 1
        if body.hasPrefix("-") { sign = -1; body.removeFirst() } else if body.hasPrefix("+") { body.removeFirst() }
        body = body.trimmingCharacters(in: .whitespaces)
        // `30d`: the shorthand for `30 days`.
        if body.hasSuffix("d"), body.count > 1, body.dropLast().allSatisfy({ $0.isASCII && $0.isNumber }) {
            body = "\(body.dropLast()) days"
        }
        let words = body.split(separator: " ").map(String.init)
        guard words.count >= 2, words[0].count <= 6, words[0].allSatisfy({ $0.isASCII && $0.isNumber }), let n = Int(words[0]) else {
            throw .unreadable(text)
        }
        let unit = words[words.count - 1]
        switch (words.count, unit) {
        case (2, "month"), (2, "months"):
            guard n <= Self.maximumMonths else { throw .tooLong(text) }
            self = .months(sign * n)
            return
        case (2, "week"), (2, "weeks"):
            guard n * 7 <= ProcessDuration.maximumDays else { throw .tooLong(text) }
            self = .days(sign * n * 7)
            return
        case (_, "hour"), (_, "hours"):
            throw .notWholeDays(text)
        default: break
        }
        if n == 0, words.count == 2 || words.count == 3 && words[1] == "working", unit == "day" || unit == "days" {
            self = words.count == 3 ? .workingDays(0) : .days(0)
            return
        }
        // Everything else is the process file's grammar.
        let unsigned = words.joined(separator: " ")
        if let problem = ProcessDuration.problem(parsing: unsigned) {
            throw problem.contains("ten years") ? .tooLong(text) : .unreadable(text)
        }
        switch ProcessDuration(parsing: unsigned) {
        case let .days(d): self = .days(sign * d)
        case let .workingDays(d): self = .workingDays(sign * d)
        default: throw .notWholeDays(text)
        }
    }

    /// Whether the span points before its start (a reminder before the due date).
    public var isBefore: Bool {
        switch self {
        case let .days(n), let .workingDays(n), let .months(n): n < 0
        }
    }

    /// Whether the span is zero (a reminder on the due date).
    public var isZero: Bool {
        switch self {
        case let .days(n), let .workingDays(n), let .months(n): n == 0
        }
    }

    /// `-3 days`, `1 month`, `2 working days`: the form the process file takes.
    public var description: String {
        func plural(_ n: Int, _ unit: String) -> String { "\(n) \(unit)\(abs(n) == 1 ? "" : "s")" }
        switch self {
        case let .days(n): return plural(n, "day")
        case let .workingDays(n): return plural(n, "working day")
        case let .months(n): return plural(n, "month")
        }
    }

    /// The day `times` spans after `start` (before it for a negative span). Months are counted
    /// from `start` (Jan 31 + 1 month = Feb 28/29, + 2 months = Mar 31); working days step over
    /// the calendar's weekends and holidays and honour its make-up working days.
    public func day(after start: CalendarDay, times: Int = 1, on calendar: WorkingCalendar) -> CalendarDay {
        switch self {
        case let .days(n): return start.adding(days: n * times)
        case let .months(n): return start.adding(months: n * times)
        case let .workingDays(n): return calendar.addingWorkingDays(n * times, to: start)
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do { self = try CalendarSpan(parsing: text) } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.description)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

/// Why a span could not be read.
public enum CalendarSpanError: BilingualError, Equatable {
    case unreadable(String)
    case tooLong(String)
    /// Hours: receivables count whole days.
    case notWholeDays(String)

    public var english: String {
        switch self {
        case let .unreadable(text): "cannot read '\(text)' as a span of days; use e.g. '30d', '-3 days', '1 month', '2 working days'"
        case let .tooLong(text): "'\(text)' is longer than ten years"
        case let .notWholeDays(text): "'\(text)' is in hours; receivable periods and reminders count whole days ('3 days')"
        }
    }

    public var chinese: String {
        switch self {
        case let .unreadable(text): "无法识别期限「\(text)」，例如 30d、-3 days、1 month、2 working days"
        case let .tooLong(text): "期限「\(text)」超过十年"
        case let .notWholeDays(text): "「\(text)」以小时计；回款周期和提醒按整天计算"
        }
    }
}

extension CalendarDay {
    /// The same day of the month `months` later (earlier when negative), clipped to the last day
    /// of a shorter month: Jan 31 + 1 month = Feb 28 (Feb 29 in a leap year).
    public func adding(months: Int) -> CalendarDay {
        let index = year * 12 + (month - 1) + months
        let newYear = min(max(index / 12, 1), 9999)
        let newMonth = index % 12 + 1
        var newDay = day
        while newDay > 28, !CalendarDay.isValid(year: newYear, month: newMonth, day: newDay) { newDay -= 1 }
        return CalendarDay(year: newYear, month: newMonth, day: newDay)
    }
}

extension WorkingCalendar {
    /// The working day `days` working days after `start` (before it when negative); `0` is
    /// `start` itself. Gives up (returning the day reached) after ten years of non-working days.
    public func addingWorkingDays(_ days: Int, to start: CalendarDay) -> CalendarDay {
        var day = start
        var left = abs(days)
        let step = days < 0 ? -1 : 1
        var guardDays = 0
        while left > 0, guardDays < 3_660 * 2 {
            day = day.adding(days: step)
            guardDays += 1
            if isWorkingDay(day) { left -= 1 }
        }
        return day
    }

    /// `day` when it is worked, else the nearest working day in the direction `forward`.
    public func workingDay(from day: CalendarDay, forward: Bool) -> CalendarDay {
        var current = day
        var guardDays = 0
        while !isWorkingDay(current), guardDays < 3_660 {
            current = current.adding(days: forward ? 1 : -1)
            guardDays += 1
        }
        return current
    }
}
