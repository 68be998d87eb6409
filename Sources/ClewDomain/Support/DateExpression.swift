import Foundation

/// Dates and times as people type them on the command line or in a form.
///
/// Accepts `2026-11-26`, `2026-11-26 14:30`, `2026-11-26T14:30`, `2026/11/26 14:30:00`,
/// `2026年11月26日 14:30`, `11-26`, `today`, `tomorrow`,
/// `今天`, `明天`, `后天`, `yesterday`, `昨天`, and offsets `+2h`, `+3d`, `+1w` (`30m` and `2d`
/// without the `+` too) or back in time, `-30d`, `-2w` (at most 100 years either way).
/// A date without a time means 18:00 that day for due dates (end of the working day), or 00:00
/// when `startOfDay` is asked for.
public enum DateExpression {
    /// Parses `text` relative to `now` in `timeZone`.
    /// - Throws: ``DateExpressionError`` naming the text and the accepted forms.
    public static func parse(_ text: String, now: Date, timeZone: TimeZone, startOfDay: Bool = false) throws(DateExpressionError) -> Date {
        let input = TextNormalization.halfWidth(TextNormalization.trimmed(text)).lowercased()
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let defaultHour = startOfDay ? 0 : 18
        func at(_ day: CalendarDay, _ hour: Int, _ minute: Int) -> Date {
            day.date(in: timeZone).addingTimeInterval(TimeInterval(hour * 3_600 + minute * 60))
        }
        let today = CalendarDay.containing(now, in: timeZone)
        switch input {
        case "now", "现在": return now
        case "today", "今天": return at(today, defaultHour, 0)
        case "tomorrow", "明天": return at(today.adding(days: 1), defaultHour, 0)
        case "后天": return at(today.adding(days: 2), defaultHour, 0)
        case "yesterday", "昨天": return at(today.adding(days: -1), defaultHour, 0)
        default: break
        }
        if let offset = relative(input) { return now.addingTimeInterval(offset) }
        // 2026年11月26日 14:30 reads as 2026-11-26 14:30.
        let dashed = input.replacingOccurrences(of: "年", with: "-").replacingOccurrences(of: "月", with: "-")
            .replacingOccurrences(of: "日", with: " ").replacingOccurrences(of: "号", with: " ")
        let parts = dashed.replacingOccurrences(of: "t", with: " ").split(separator: " ", omittingEmptySubsequences: true)
        guard (1...2).contains(parts.count) else { throw .unrecognized(text) }
        var dayText = String(parts[0]).replacingOccurrences(of: "/", with: "-")
        if dayText.split(separator: "-").count == 2 { dayText = "\(today.year)-" + dayText }
        let pieces = dayText.split(separator: "-").compactMap { Int($0) }
        guard pieces.count == 3, let day = CalendarDay.isValid(year: pieces[0], month: pieces[1], day: pieces[2])
            ? CalendarDay(year: pieces[0], month: pieces[1], day: pieces[2]) : nil
        else { throw .unrecognized(text) }
        guard parts.count == 2 else { return at(day, defaultHour, 0) }
        // Seconds (14:30:05, as spreadsheets write times) are read and dropped.
        let time = parts[1].split(separator: ":").compactMap { Int($0) }
        guard (1...3).contains(time.count), (0...23).contains(time[0]), (0...59).contains(time.count >= 2 ? time[1] : 0),
              (0...59).contains(time.count == 3 ? time[2] : 0) else {
            throw .unrecognized(text)
        }
        return at(day, time[0], time.count >= 2 ? time[1] : 0)
    }

    private static func relative(_ input: String) -> TimeInterval? {
        var body = Substring(input)
        var sign: Double = 1
        if body.hasPrefix("+") { body = body.dropFirst() } else if body.hasPrefix("-") { body = body.dropFirst(); sign = -1 }
        guard let unit = body.last, let value = Double(body.dropLast()), value >= 0 else { return nil }
        let seconds: TimeInterval
        switch unit {
        case "m": seconds = value * 60
        case "h": seconds = value * 3_600
        case "d": seconds = value * 86_400
        case "w": seconds = value * 7 * 86_400
        default: return nil
        }
        guard seconds <= maximumOffset else { return nil }
        return sign * seconds
    }

    /// The furthest an offset reaches: 100 years.
    static let maximumOffset: TimeInterval = 100 * 366 * 86_400
}

/// A date or time that could not be understood.
public enum DateExpressionError: UserFacingError, Equatable {
    case unrecognized(String)

    public var description: String {
        switch self {
        case let .unrecognized(text):
            "cannot read '\(text)' as a date; use 2026-11-26, '2026-11-26 14:30', today, tomorrow, +3d, +2h or -30d · 无法识别的日期"
        }
    }
}
