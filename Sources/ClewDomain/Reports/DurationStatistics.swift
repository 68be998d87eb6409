import Foundation

/// Median, 90th percentile and mean of a list of durations (nearest-rank percentiles).
///
/// ```swift
/// DurationStatistics([1, 2, 3, 4, 100]).median   // 3
/// ```
public struct DurationStatistics: Hashable, Sendable, Codable {
    public var count: Int
    public var median: TimeInterval?
    public var p90: TimeInterval?
    public var mean: TimeInterval?

    public init(_ durations: [TimeInterval]) {
        let sorted = durations.sorted()
        count = sorted.count
        median = Self.percentile(0.5, of: sorted)
        p90 = Self.percentile(0.9, of: sorted)
        mean = sorted.isEmpty ? nil : sorted.reduce(0, +) / Double(sorted.count)
    }

    /// The nearest-rank percentile `p` (0…1) of `sorted`.
    static func percentile(_ p: Double, of sorted: [TimeInterval]) -> TimeInterval? {
        guard !sorted.isEmpty else { return nil }
        let rank = Int((p * Double(sorted.count)).rounded(.up))
        return sorted[min(max(rank, 1), sorted.count) - 1]
    }
}
