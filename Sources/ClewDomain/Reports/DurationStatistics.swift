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

    /// The nearest rank of percentile `p` (0…1) among `count` sorted values, 1-based.
    public static func rank(of p: Double, count: Int) -> Int {
        min(max(Int((p * Double(count)).rounded(.up)), 1), max(count, 1))
    }

    /// Statistics already worked out (``StageDurationHistogram/statistics(_:)``).
    public init(count: Int, median: TimeInterval?, p90: TimeInterval?, mean: TimeInterval?) {
        self.count = count
        self.median = median
        self.p90 = p90
        self.mean = mean
    }

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
        return sorted[rank(of: p, count: sorted.count) - 1]
    }
}
