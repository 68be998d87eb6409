import Foundation

/// `MM-dd HH:mm` and `MM-dd` in the team's time zone (the working calendar's, not the
/// machine's). Views format many times per frame, so this reads calendar components from one
/// calendar instead of building a DateFormatter per line.
struct ShortTime {
    private let calendar: Calendar

    init(timeZone: TimeZone) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        self.calendar = calendar
    }

    /// `11-23 15:00`, or empty for nil.
    func time(_ date: Date?) -> String {
        guard let date else { return "" }
        let c = calendar.dateComponents([.month, .day, .hour, .minute], from: date)
        return "\(Self.two(c.month))-\(Self.two(c.day)) \(Self.two(c.hour)):\(Self.two(c.minute))"
    }

    /// `2025-06-02 10:00` (with the year: a capture time may be long ago), or empty for nil.
    func dated(_ date: Date?) -> String {
        guard let date else { return "" }
        let year = calendar.component(.year, from: date)
        return "\(year)-" + time(date)
    }

    /// `11-23`, or `—` for nil.
    func day(_ date: Date?) -> String {
        guard let date else { return "—" }
        let c = calendar.dateComponents([.month, .day], from: date)
        return "\(Self.two(c.month))-\(Self.two(c.day))"
    }

    private static func two(_ n: Int?) -> String {
        let v = n ?? 0
        return v < 10 ? "0\(v)" : "\(v)"
    }
}
