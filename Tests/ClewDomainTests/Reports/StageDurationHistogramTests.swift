import ClewDomain
import Foundation
import Testing

/// Stage durations counted in buckets: percentiles within 5 % of the exact ones, means exact,
/// exact outright when a bucket holds one duration; working time up to now per day of entry.
@Suite("Stage duration histogram")
struct StageDurationHistogramTests {
    @Test func bucketedStatisticsStayWithinFivePercentOfTheExactOnes() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            let durations = (0..<Int.random(in: 1...400, using: &generator)).map { _ in Double.random(in: 60...3_000_000, using: &generator) }
            var buckets: [Int: StageDurationHistogram.Group] = [:]
            for seconds in durations {
                let bucket = StageDurationHistogram.bucket(of: seconds)
                var group = buckets[bucket] ?? StageDurationHistogram.Group(bucket: bucket, count: 0, total: 0)
                group.count += 1
                group.total += seconds
                buckets[bucket] = group
            }
            let counted = StageDurationHistogram.statistics(Array(buckets.values))
            let exact = DurationStatistics(durations)
            #expect(counted.count == exact.count)
            for (a, b) in [(counted.median, exact.median), (counted.p90, exact.p90)] {
                guard let a, let b else { Issue.record("missing percentile"); continue }
                #expect(abs(a - b) <= b * (StageDurationHistogram.ratio - 1) + 1e-6, "\(a) vs \(b)")
            }
            #expect(abs((counted.mean ?? 0) - (exact.mean ?? 0)) < 1e-6 * (exact.mean ?? 1))
        }
    }

    @Test func oneDurationPerBucketIsExact() {
        let hour: TimeInterval = 3_600
        let durations = [9 * hour, 19 * hour, 89 * hour]
        #expect(StageDurationHistogram.statistics(durations.map(StageDurationHistogram.Group.init)) == DurationStatistics(durations))
        #expect(StageDurationHistogram.bucket(of: 59) == 0 && StageDurationHistogram.bucket(of: -5) == 0)
        #expect(StageDurationHistogram.bucket(of: .infinity) == StageDurationHistogram.bucket(of: 36_500 * 86_400))
    }

    @Test func workingTimeUpToNowMatchesTheCalendar() throws {
        let zone = try #require(TimeZone(identifier: "Asia/Shanghai"))
        let calendar = WorkingCalendar(timeZone: zone, holidays: [CalendarDay(year: 2026, month: 12, day: 1)])
        let now = CalendarDay(year: 2026, month: 12, day: 5).date(in: zone).addingTimeInterval(10 * 3_600)
        var meter = WorkingTimeUntil(calendar: calendar, end: now)
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<300 {
            let start = now.addingTimeInterval(-Double.random(in: 0...(30 * 86_400), using: &generator))
            let day = CalendarDay.containing(start, in: zone)
            #expect(abs(meter.seconds(from: start, on: day) - calendar.workingDuration(from: start, to: now)) < 1e-6, "\(start)")
            // The day's terms, as the store applies them in SQL, give the same.
            let terms = meter.terms(on: day)
            let head = terms.hours.map { max(0, $0.finish.timeIntervalSince1970 - max(start.timeIntervalSince1970, $0.start.timeIntervalSince1970)) } ?? 0
            #expect(abs(head + terms.rest - calendar.workingDuration(from: start, to: now)) < 1e-6, "\(start)")
        }
    }

    @Test func eachBucketStartsAtItsLowerBound() {
        for bucket in 1...StageDurationHistogram.lastBucket {
            let bound = StageDurationHistogram.lowerBound(of: bucket)
            #expect(StageDurationHistogram.bucket(of: bound) == bucket && StageDurationHistogram.bucket(of: bound.nextDown) == bucket - 1,
                    "bucket \(bucket) from \(bound)")
        }
    }
}
