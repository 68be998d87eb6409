import Foundation

/// The period a sales target is set for (目标管理, seed 003): a calendar month or a quarter.
///
/// ```swift
/// TargetPeriod("2026-11")    // November 2026
/// TargetPeriod("2026-Q4")    // October–December 2026
/// ```
public enum TargetPeriod: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    case month(year: Int, month: Int)
    case quarter(year: Int, quarter: Int)

    /// Parses `YYYY-MM` or `YYYY-Qn` (years 2000–2100).
    public init?(_ text: String) {
        let parts = TextNormalization.halfWidth(TextNormalization.trimmed(text)).uppercased().split(separator: "-")
        guard parts.count == 2, let year = Int(parts[0]), (2000...2100).contains(year) else { return nil }
        if parts[1].hasPrefix("Q"), let quarter = Int(parts[1].dropFirst()), (1...4).contains(quarter) {
            self = .quarter(year: year, quarter: quarter)
        } else if let month = Int(parts[1]), (1...12).contains(month), parts[1].count == 2 {
            self = .month(year: year, month: month)
        } else {
            return nil
        }
    }

    /// The first and last day.
    public var days: (first: CalendarDay, last: CalendarDay) {
        let (year, firstMonth, months) = switch self {
        case let .month(year, month): (year, month, 1)
        case let .quarter(year, quarter): (year, (quarter - 1) * 3 + 1, 3)
        }
        let first = CalendarDay(year: year, month: firstMonth, day: 1)
        let endMonth = firstMonth + months
        let next = endMonth > 12 ? CalendarDay(year: year + 1, month: endMonth - 12, day: 1) : CalendarDay(year: year, month: endMonth, day: 1)
        return (first, next.adding(days: -1))
    }

    /// The share of this period's days that fall in `period` (0…1): how much of the target a
    /// report over `period` expects.
    public func share(within period: ReportPeriod) -> Double {
        let (first, last) = days
        let start = max(first, period.first)
        let end = min(last, period.last)
        guard start <= end else { return 0 }
        let overlap = end.daysSinceEpoch - start.daysSinceEpoch + 1
        return Double(overlap) / Double(last.daysSinceEpoch - first.daysSinceEpoch + 1)
    }

    /// `2026-11` or `2026-Q4`.
    public var description: String {
        switch self {
        case let .month(year, month): "\(year)-\(month < 10 ? "0" : "")\(month)"
        case let .quarter(year, quarter): "\(year)-Q\(quarter)"
        }
    }

    public static func < (lhs: TargetPeriod, rhs: TargetPeriod) -> Bool { lhs.days.first < rhs.days.first }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let period = TargetPeriod(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "\"\(text)\" is not YYYY-MM or YYYY-Qn")
        }
        self = period
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
