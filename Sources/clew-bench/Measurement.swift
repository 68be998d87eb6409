/// Wall time of repeated runs of one operation, measured with the monotonic `ContinuousClock`.
struct Samples {
    /// Each run's duration in milliseconds, in run order.
    private(set) var milliseconds: [Double] = []

    mutating func append(_ duration: Duration) {
        milliseconds.append(duration.milliseconds)
    }

    var count: Int { milliseconds.count }

    /// The middle run (the mean of the two middle runs for an even count).
    var median: Double { quantileMidpoint(0.5) }

    /// The 99th percentile by nearest rank: with fewer than 100 runs this is the slowest run.
    var p99: Double {
        let sorted = milliseconds.sorted()
        guard !sorted.isEmpty else { return 0 }
        let rank = Int((0.99 * Double(sorted.count)).rounded(.up))
        return sorted[min(max(rank, 1), sorted.count) - 1]
    }

    var fastest: Double { milliseconds.min() ?? 0 }

    private func quantileMidpoint(_ q: Double) -> Double {
        let sorted = milliseconds.sorted()
        guard !sorted.isEmpty else { return 0 }
        let position = q * Double(sorted.count - 1)
        let lower = Int(position.rounded(.down))
        let upper = Int(position.rounded(.up))
        return (sorted[lower] + sorted[upper]) / 2
    }
}

/// Times operations: warm-ups first (not recorded), then recorded runs.
struct Stopwatch {
    let warmups: Int
    let runs: Int

    /// Times one run of `body`.
    static func time<T>(_ body: () throws -> T) rethrows -> (result: T, duration: Duration) {
        let clock = ContinuousClock()
        let start = clock.now
        let result = try body()
        return (result, clock.now - start)
    }

    /// Times `service` and, when given, `baseline` in the same loop, alternating which goes first
    /// so neither always runs on the other's warm caches. Both return a row count; the last
    /// counts are kept.
    func measure(service: () throws -> Int, baseline: (() throws -> Int)?) throws -> PairTiming {
        var timing = PairTiming()
        for _ in 0..<warmups {
            _ = try service()
            _ = try baseline?()
        }
        for run in 0..<runs {
            if run.isMultiple(of: 2) {
                try timeService(service, into: &timing)
                try timeBaseline(baseline, into: &timing)
            } else {
                try timeBaseline(baseline, into: &timing)
                try timeService(service, into: &timing)
            }
        }
        return timing
    }

    private func timeService(_ service: () throws -> Int, into timing: inout PairTiming) throws {
        let (rows, duration) = try Self.time(service)
        timing.service.append(duration)
        timing.serviceRows = rows
    }

    private func timeBaseline(_ baseline: (() throws -> Int)?, into timing: inout PairTiming) throws {
        guard let baseline else { return }
        let (rows, duration) = try Self.time(baseline)
        var samples = timing.baseline ?? Samples()
        samples.append(duration)
        timing.baseline = samples
        timing.baselineRows = rows
    }
}

/// A service's samples beside its raw-SQL baseline's.
struct PairTiming {
    var service = Samples()
    var baseline: Samples?
    var serviceRows = 0
    var baselineRows: Int?
}

extension Duration {
    /// The duration in (fractional) milliseconds.
    var milliseconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) * 1_000 + Double(attoseconds) / 1e15
    }

    /// The duration in (fractional) seconds.
    var seconds: Double { milliseconds / 1_000 }
}
