import Foundation

/// The buckets stage-visit durations are counted in (the store's per-stage, per-day summary),
/// and the statistics read back from them.
///
/// A bucket holds the durations within 5 % of each other (`60 s × 1.05^k` up to the next), and
/// keeps their count and their sum: the mean of a stage is exact, and a median or p90 is the mean
/// of the bucket the rank falls in, so within 5 % of the exact value and exact whenever that
/// bucket holds one duration or equal ones.
///
/// ```swift
/// StageDurationHistogram.bucket(of: 59)      // 0
/// StageDurationHistogram.bucket(of: 3_600)   // 84 (an hour)
/// ```
public enum StageDurationHistogram {
    /// Each bucket's upper bound over its lower one.
    public static let ratio = 1.05
    /// Durations under a minute share bucket 0.
    public static let firstBound: TimeInterval = 60
    /// No duration is counted past a hundred years (a corrupt value cannot overflow a bucket number).
    static let longest: TimeInterval = 36_500 * 86_400

    /// The bucket of `seconds` (negative counts as 0).
    public static func bucket(of seconds: TimeInterval) -> Int {
        let clamped = min(max(seconds, 0), longest)
        guard clamped >= firstBound else { return 0 }
        return 1 + Int((log(clamped / firstBound) / log(ratio)).rounded(.down))
    }

    /// The last bucket: a hundred years and more.
    public static var lastBucket: Int { bucket(of: longest) }

    /// The shortest duration in `bucket` (1 … ``lastBucket``): `bucket(of:)` gives `bucket` for
    /// it and `bucket - 1` for the duration just below, so a caller comparing durations with the
    /// bounds (the store, in SQL) buckets them exactly as `bucket(of:)` does.
    public static func lowerBound(of bucket: Int) -> TimeInterval {
        let k = min(max(bucket, 1), lastBucket)
        var bound = min(firstBound * pow(ratio, Double(k - 1)), longest)
        while bound > 0, Self.bucket(of: bound.nextDown) >= k { bound = bound.nextDown }
        while Self.bucket(of: bound) < k { bound = bound.nextUp }
        return bound
    }

    /// A run of durations counted together: in one bucket, or a single duration (`count` 1).
    public struct Group: Hashable, Sendable {
        /// The bucket: groups are ordered by it, then by their mean.
        public var bucket: Int
        public var count: Int
        /// The durations' sum.
        public var total: TimeInterval

        public init(bucket: Int, count: Int, total: TimeInterval) {
            self.bucket = bucket
            self.count = count
            self.total = total
        }

        /// One duration.
        public init(_ seconds: TimeInterval) {
            self.init(bucket: StageDurationHistogram.bucket(of: seconds), count: 1, total: max(seconds, 0))
        }

        var mean: TimeInterval { count > 0 ? total / Double(count) : 0 }
    }

    /// Median, p90 and mean of the durations in `groups` (nearest rank; each group stands for its mean).
    public static func statistics(_ groups: [Group]) -> DurationStatistics {
        let counted = groups.filter { $0.count > 0 }.sorted { ($0.bucket, $0.mean) < ($1.bucket, $1.mean) }
        let count = counted.reduce(0) { $0 + $1.count }
        guard count > 0 else { return DurationStatistics([]) }
        func percentile(_ p: Double) -> TimeInterval {
            let rank = DurationStatistics.rank(of: p, count: count)
            var seen = 0
            for group in counted {
                seen += group.count
                if seen >= rank { return group.mean }
            }
            return counted[counted.count - 1].mean
        }
        return DurationStatistics(count: count, median: percentile(0.5), p90: percentile(0.9),
                                  mean: counted.reduce(0) { $0 + $1.total } / Double(count))
    }
}
