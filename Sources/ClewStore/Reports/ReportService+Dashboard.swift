import ClewDomain
import ClewServices
import Foundation
import GRDB

// MARK: - The dashboard

extension ReportService {
    /// The report summaries' version (``ReportSummaries/fingerprint()``): changes whenever a
    /// figure of any report may have.
    public func summariesVersion() throws -> Int64 { try ReportSummaries(context: context).fingerprint() }

    /// Every figure the dashboard shows for `request`'s period and scope: funnel, time per stage,
    /// reps, sources, campaigns and the trend (split by `request.granularity`).
    ///
    /// The panels are read in two reads at once, on two of the pool's connections (two cores
    /// wait half as long): the registration cohort's panels and the trend in one, time per stage
    /// and the reps in the other. Each read notes the summaries' version; when another user's
    /// commit fell between them (the versions differ), the panels could disagree, so they are
    /// read again in one read.
    ///
    /// - Throws: ``ReportError/scopeNotAllowed(_:report:role:)`` when the reader may not see
    ///   `request.scope`.
    public func dashboard(_ request: ReportRequest) throws -> DashboardFigures {
        // Every panel's report has the same scope rules (none lists records), so one filter serves all.
        let (scope, filter) = try prepare(.funnel, request)
        let (registrations, visits) = try Self.atOnce(
            { try context.database.read { db in try self.cohortPanels(request, filter: filter, db) } },
            { try context.database.read { db in try self.stagePanels(request, scope: scope, filter: filter, db) } })
        if registrations.version == visits.version {
            return figures(request, scope: scope, registrations, visits)
        }
        return try context.database.read { db in
            figures(request, scope: scope, try cohortPanels(request, filter: filter, db), try stagePanels(request, scope: scope, filter: filter, db))
        }
    }

    /// The panels counted over the period's registrations, and the trend.
    struct CohortPanels: Sendable {
        var version: Int64
        var funnel: FunnelReport
        var sources: SourceReport
        var campaigns: SourceReport
        var trend: TrendReport
    }

    /// The panels counted over stage visits and assignments.
    struct StagePanels: Sendable {
        var version: Int64
        var stages: [StageTimeReport.Aggregate]
        var reps: RepReport
    }

    private func cohortPanels(_ request: ReportRequest, filter: Filter, _ db: Database) throws -> CohortPanels {
        let version = try ReportSummaries.state(db).version
        // Funnel, sources and campaigns are one scan; from the registration days' counts when
        // they hold the cohort: three small reads.
        let cohort = try cohortSummary(request, filter: filter, db) == nil ? try cohort(request, filter: filter, db)
            : Cohort(funnel: try cohortFunnel(request, filter: filter, db), sources: try cohortCounts(by: .source, request, filter: filter, db),
                     campaigns: try cohortCounts(by: .campaign, request, filter: filter, db))
        let basis = try roiBasis(db)
        return CohortPanels(
            version: version, funnel: cohort.funnel,
            sources: SourceReport(counts: try withReceived(cohort.sources, by: .source, request, filter: filter, db), roiBasis: basis),
            campaigns: SourceReport(counts: try withReceived(cohort.campaigns, by: .campaign, request, filter: filter, db),
                                    costs: try campaignCosts(db), roiBasis: basis),
            trend: try trendReport(request, filter: filter, db))
    }

    private func stagePanels(_ request: ReportRequest, scope: ReportScope, filter: Filter, _ db: Database) throws -> StagePanels {
        StagePanels(version: try ReportSummaries.state(db).version, stages: try stageAggregates(request, filter: filter, db),
                    reps: try repReport(request, scope: scope, filter: filter, db))
    }

    private func figures(_ request: ReportRequest, scope: ReportScope, _ cohort: CohortPanels, _ visits: StagePanels) -> DashboardFigures {
        DashboardFigures(
            period: request.period, scope: scope, funnel: cohort.funnel,
            stages: StageTimeReport(pipeline: context.pipeline, aggregates: visits.stages, funnel: cohort.funnel),
            reps: visits.reps, sources: cohort.sources, campaigns: cohort.campaigns, trend: cohort.trend,
            workingDay: TimeInterval(context.calendar.workdayEnd - context.calendar.workdayStart) * 60)
    }

    /// Runs `first` and `second` at the same time (one of them on this thread, so the two
    /// always finish even when no other thread is free: then one after the other); both
    /// results, or the first error (of `first` when both failed).
    static func atOnce<A: Sendable, B: Sendable>(_ first: @Sendable () throws -> A, _ second: @Sendable () throws -> B) throws -> (A, B) {
        let one = ThreadResult<A>()
        let two = ThreadResult<B>()
        DispatchQueue.concurrentPerform(iterations: 2) { index in
            if index == 0 { one.set(Result { try first() }) } else { two.set(Result { try second() }) }
        }
        return (try one.get(), try two.get())
    }
}

/// The result of one of the two halves, read once `concurrentPerform` returned (which
/// orders the write before the read; the lock keeps the compiler's checker and TSan content).
private final class ThreadResult<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var result: Result<Value, any Error>?

    func set(_ result: Result<Value, any Error>) {
        lock.withLock { self.result = result }
    }

    func get() throws -> Value {
        guard let result = lock.withLock({ self.result }) else { preconditionFailure("read before the other thread finished") }
        return try result.get()
    }
}
