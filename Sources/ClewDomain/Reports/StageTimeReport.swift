import Foundation

/// Time per stage (各阶段平均耗时, seeds 000/002): how long visits to each stage took against the
/// stage's plan, how many ran late (异常), and which stage is the bottleneck and why.
///
/// Open visits count with their time so far, so a stage where deals sit for months does not look
/// fast just because none has left it yet.
public struct StageTimeReport: Hashable, Sendable, Codable {
    /// One stage visit of the period, as the stage history holds it.
    public struct Visit: Hashable, Sendable {
        /// The stage's index in the pipeline.
        public var stage: Int
        public var enteredAt: Date
        /// When it ended; nil while the lead is still in the stage.
        public var exitedAt: Date?
        /// The planned end (the stage's expected duration from entry, in working time where it is
        /// given in working days).
        public var plannedExitAt: Date?

        public init(stage: Int, enteredAt: Date, exitedAt: Date?, plannedExitAt: Date?) {
            self.stage = stage
            self.enteredAt = enteredAt
            self.exitedAt = exitedAt
            self.plannedExitAt = plannedExitAt
        }
    }

    /// One stage's line.
    public struct Line: Hashable, Sendable, Codable {
        public var key: String
        public var englishName: String
        public var chineseName: String
        /// The stage's expected duration as the process file says it (`3 working days`).
        public var expected: String
        public var visits: Int
        /// Visits not ended yet (counted with their time so far).
        public var open: Int
        /// Time in the stage, ended and so-far visits together.
        public var actual: DurationStatistics
        /// Planned time (entry to planned exit).
        public var planned: DurationStatistics
        /// Visits that ended after their planned exit, or are still open past it.
        public var late: Int
        /// `late / visits`.
        public var lateShare: Double?
        /// Median actual over median planned time (> 1: slower than planned).
        public var overPlan: Double?
        /// Step conversion out of this stage, from the funnel of the same leads.
        public var conversion: Double?
    }

    /// Why a stage is the bottleneck.
    public enum BottleneckReason: Hashable, Sendable, Codable {
        /// Its median time is this many times its plan (the largest over 1).
        case overPlan(ratio: Double)
        /// No stage runs over plan; this one converts the fewest of the leads that reach it.
        case lowestConversion(rate: Double)
    }

    /// The stage most worth attention.
    public struct Bottleneck: Hashable, Sendable, Codable {
        public var stage: String
        public var reason: BottleneckReason

        public init(stage: String, reason: BottleneckReason) {
            self.stage = stage
            self.reason = reason
        }
    }

    public var lines: [Line]
    public var bottleneck: Bottleneck?

    /// One stage's visits, summed up (by the store, or from ``Visit``s here).
    public struct Aggregate: Hashable, Sendable {
        /// The stage's index in the pipeline.
        public var stage: Int
        public var open: Int
        public var late: Int
        public var actual: DurationStatistics
        public var planned: DurationStatistics

        public init(stage: Int, open: Int, late: Int, actual: DurationStatistics, planned: DurationStatistics) {
            self.stage = stage
            self.open = open
            self.late = late
            self.actual = actual
            self.planned = planned
        }
    }

    /// Builds the report from the period's visits, measured at `now`, with each stage's step
    /// conversion from `funnel` (the same leads).
    public init(pipeline: Pipeline, visits: [Visit], funnel: FunnelReport?, now: Date) {
        var actual = Array(repeating: [TimeInterval](), count: pipeline.stages.count)
        var planned = Array(repeating: [TimeInterval](), count: pipeline.stages.count)
        var open = Array(repeating: 0, count: pipeline.stages.count)
        var late = Array(repeating: 0, count: pipeline.stages.count)
        for visit in visits where pipeline.stages.indices.contains(visit.stage) {
            let end = visit.exitedAt ?? now
            actual[visit.stage].append(max(0, end.timeIntervalSince(visit.enteredAt)))
            if visit.exitedAt == nil { open[visit.stage] += 1 }
            if let plannedExit = visit.plannedExitAt {
                planned[visit.stage].append(max(0, plannedExit.timeIntervalSince(visit.enteredAt)))
                if end > plannedExit { late[visit.stage] += 1 }
            }
        }
        let aggregates = pipeline.stages.indices.map { index in
            Aggregate(stage: index, open: open[index], late: late[index], actual: DurationStatistics(actual[index]),
                      planned: DurationStatistics(planned[index]))
        }
        self.init(pipeline: pipeline, aggregates: aggregates, funnel: funnel)
    }

    /// Builds the report from per-stage aggregates (stages without one had no visit).
    public init(pipeline: Pipeline, aggregates: [Aggregate], funnel: FunnelReport?) {
        let byStage = Dictionary(aggregates.map { ($0.stage, $0) }, uniquingKeysWith: { first, _ in first })
        lines = pipeline.stages.enumerated().map { index, stage in
            let aggregate = byStage[index]
                ?? Aggregate(stage: index, open: 0, late: 0, actual: DurationStatistics([]), planned: DurationStatistics([]))
            let visits = aggregate.actual.count
            let overPlan: Double? = if let a = aggregate.actual.median, let p = aggregate.planned.median, p > 0 { a / p } else { nil }
            return Line(
                key: stage.key, englishName: stage.englishName, chineseName: stage.chineseName, expected: stage.expected.description,
                visits: visits, open: aggregate.open, actual: aggregate.actual, planned: aggregate.planned,
                late: aggregate.late, lateShare: visits == 0 ? nil : Double(aggregate.late) / Double(visits),
                overPlan: overPlan, conversion: funnel?.steps.first { $0.key == stage.key }?.stepConversion)
        }
        bottleneck = Self.bottleneck(of: lines)
    }

    /// The stage furthest over plan; when none is over plan, the one that converts worst.
    static func bottleneck(of lines: [Line]) -> Bottleneck? {
        if let slowest = lines.filter({ ($0.overPlan ?? 0) > 1 }).max(by: { ($0.overPlan ?? 0) < ($1.overPlan ?? 0) }),
           let ratio = slowest.overPlan {
            return Bottleneck(stage: slowest.key, reason: .overPlan(ratio: ratio))
        }
        if let worst = lines.filter({ $0.conversion != nil }).min(by: { ($0.conversion ?? 1) < ($1.conversion ?? 1) }),
           let rate = worst.conversion {
            return Bottleneck(stage: worst.key, reason: .lowestConversion(rate: rate))
        }
        return nil
    }
}
