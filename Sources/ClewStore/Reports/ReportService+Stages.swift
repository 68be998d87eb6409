import ClewDomain
import ClewServices
import Foundation
import GRDB

// MARK: - Time per stage: the visits of a period

extension ReportService {
    /// Each stage's visits entered in the period, summed up: ended visits from
    /// `report_stage_day` when its rows hold the report's leads (``ReportSummarySlice``), else
    /// one by one with their stored durations; open visits one by one, up to now. When the
    /// report names its owners (a team, a rep), their leads are read first and then their
    /// visits, instead of every visit of the period.
    func stageAggregates(_ request: ReportRequest, filter: Filter, _ db: Database) throws -> [StageTimeReport.Aggregate] {
        let calendar = context.calendar
        let period = request.period
        let stageRank = stageRankSQL("h.stage")
        var tally = StageTally(stages: context.pipeline.stages.count, period: period, calendar: calendar, now: context.clock.now())
        let sameDays = try ReportSummaries.usable(db, calendar: calendar)
        // The owners' leads first, else every visit of the period. A visit is open only while its
        // lead is active, so owned: open visits never need the unowned leads a team's scope adds.
        func source(openOnly: Bool) -> (sql: String, arguments: StatementArguments) {
            if let owners = filter.owners, openOnly || !filter.includingUnowned {
                let logins = owners.filter { !$0.isEmpty }
                let marks = logins.isEmpty ? "NULL" : logins.map { _ in "?" }.joined(separator: ",")
                return ("lead CROSS JOIN stage_history h ON h.lead_id = lead.id AND lead.owner IN (\(marks))", StatementArguments(logins))
            }
            return (filter.sql == "1" ? "stage_history h" : "stage_history h JOIN lead ON lead.id = h.lead_id", [])
        }
        let within = [period.from.storage, period.to.storage]
        if let slice = filter.slice, sameDays {
            if !slice.values.isEmpty {
                let marks = Array(repeating: "?", count: slice.values.count).joined(separator: ",")
                let rank = stageRankSQL("stage")
                let ended = try Row.fetchCursor(db, sql: """
                    SELECT \(rank.sql), bucket, total(visits), total(late), total(working_seconds), total(planned_visits), total(planned_seconds)
                    FROM \(slice.parts == nil ? "report_stage_day" : "report_stage_pair_day")
                    WHERE dimension = ? AND value IN (\(marks)) AND day >= ? AND day <= ?
                    GROUP BY stage, bucket
                    """, arguments: rank.arguments + [slice.dimension] + StatementArguments(slice.values)
                        + [period.first.description, period.last.description])
                while let row = try ended.next() {
                    guard let stage = row[0] as Int? else { continue }
                    tally.addEnded(stage: stage, bucket: row[1], visits: Int(row[2] as Double), late: Int(row[3] as Double),
                                   seconds: row[4], plannedVisits: Int(row[5] as Double), plannedSeconds: row[6])
                }
            }
        } else {
            let visits = try Row.fetchCursor(db, sql: """
                SELECT \(stageRank.sql), h.entered_at, h.planned_exit_at, h.planned_seconds, h.exited_at, h.working_seconds
                FROM \(source(openOnly: false).sql)
                WHERE h.entered_at >= ? AND h.entered_at < ? AND h.exited_at IS NOT NULL AND \(filter.sql)
                """, arguments: stageRank.arguments + source(openOnly: false).arguments + StatementArguments(within) + filter.arguments)
            while let row = try visits.next() {
                guard let stage = row[0] as Int? else { continue }
                tally.addEnded(stage: stage, enteredAt: row[1], exitedAt: row[4], plannedExitAt: row[2], seconds: row[5], plannedSeconds: row[3])
            }
        }
        if let registrar = filter.registrar, let others = try Self.fewLeads(notRegisteredBy: registrar, db) {
            // Marketing's own, when it registered nearly every lead: the open visits themselves,
            // less those of the few leads it did not register, instead of a look-up of the lead
            // of each open visit (or of the open visit of each lead).
            let mine = Filter(sql: "h.lead_id NOT IN (\(others.sql))", arguments: others.arguments)
            try countOpenVisits(request, filter: mine, source: ("stage_history h", []), sameDays: sameDays, into: &tally, db)
        } else {
            try countOpenVisits(request, filter: filter, source: source(openOnly: true), sameDays: sameDays, into: &tally, db)
        }
        return tally.aggregates
    }

    /// The most leads ``fewLeads(notRegisteredBy:_:)`` calls few.
    static let fewLeadsLimit = 20_000

    /// `SELECT id FROM lead WHERE …`: the leads `login` did not register, when there are at most
    /// ``fewLeadsLimit`` of them (counted on the creator index, at most that many steps); else nil.
    static func fewLeads(notRegisteredBy login: String, _ db: Database) throws -> (sql: String, arguments: StatementArguments)? {
        let others = (sql: "SELECT id FROM lead WHERE created_by < ? OR created_by > ?", arguments: StatementArguments([login, login]))
        let count = try Int.fetchOne(db, sql: "SELECT count(*) FROM (\(others.sql) LIMIT ?)", arguments: others.arguments + [fewLeadsLimit + 1]) ?? 0
        return count <= fewLeadsLimit ? others : nil
    }
}

/// The visits of each stage as they are counted: durations per ``StageDurationHistogram``
/// bucket (count and sum), plans, open and late visits.
struct StageTally {
    private var buckets: [[(count: Int, total: Double)]]
    private var plannedVisits: [Int]
    private var plannedSeconds: [Double]
    private var open: [Int]
    private var late: [Int]
    private let calendar: WorkingCalendar
    private let now: Date
    private let period: ReportPeriod
    private var meter: WorkingTimeUntil
    /// The period's days, by offset from its first.
    private var days: [CalendarDay?]

    /// Buckets past this hold durations of over a hundred years: counted in the last.
    static let bucketCount = StageDurationHistogram.bucket(of: .infinity) + 1

    init(stages: Int, period: ReportPeriod, calendar: WorkingCalendar, now: Date) {
        buckets = Array(repeating: Array(repeating: (0, 0), count: Self.bucketCount), count: stages)
        plannedVisits = Array(repeating: 0, count: stages)
        plannedSeconds = Array(repeating: 0, count: stages)
        open = Array(repeating: 0, count: stages)
        late = Array(repeating: 0, count: stages)
        self.calendar = calendar
        self.now = now
        self.period = period
        meter = WorkingTimeUntil(calendar: calendar, end: now)
        days = Array(repeating: nil, count: period.days)
    }

    private mutating func count(_ seconds: Double, times visits: Int = 1, bucket: Int? = nil, stage: Int) {
        let index = min(max(bucket ?? StageDurationHistogram.bucket(of: seconds), 0), Self.bucketCount - 1)
        buckets[stage][index].count += visits
        buckets[stage][index].total += seconds
    }

    /// Ended visits counted together in one bucket of the summary.
    mutating func addEnded(stage: Int, bucket: Int, visits: Int, late lateVisits: Int, seconds: Double, plannedVisits planned: Int,
                           plannedSeconds plannedTotal: Double) {
        guard buckets.indices.contains(stage), visits > 0 else { return }
        count(seconds, times: visits, bucket: bucket, stage: stage)
        late[stage] += lateVisits
        plannedVisits[stage] += planned
        plannedSeconds[stage] += plannedTotal
    }

    /// One ended visit, with its stored durations (worked out here for a visit not filled in yet).
    mutating func addEnded(stage: Int, enteredAt: Double, exitedAt: Double, plannedExitAt: Double?, seconds: Double?, plannedSeconds planned: Double?) {
        guard buckets.indices.contains(stage) else { return }
        let entered = Date(storage: enteredAt)
        count(seconds ?? calendar.workingDuration(from: entered, to: Date(storage: exitedAt)), stage: stage)
        if let plannedExitAt {
            plannedVisits[stage] += 1
            plannedSeconds[stage] += planned ?? calendar.workingDuration(from: entered, to: Date(storage: plannedExitAt))
            if exitedAt > plannedExitAt { late[stage] += 1 }
        }
    }

    /// Open visits counted together in one bucket (by SQL, up to now).
    mutating func addOpen(stage: Int, bucket: Int, visits: Int, seconds: Double, plannedVisits planned: Int, plannedSeconds plannedTotal: Double,
                          late lateVisits: Int) {
        guard buckets.indices.contains(stage), visits > 0 else { return }
        count(seconds, times: visits, bucket: bucket, stage: stage)
        open[stage] += visits
        late[stage] += lateVisits
        plannedVisits[stage] += planned
        plannedSeconds[stage] += plannedTotal
    }

    /// One open visit, measured up to now (`dayOffset`: its day of entry from the period's first, -1 unknown).
    mutating func addOpen(stage: Int, enteredAt: Double, dayOffset: Int, plannedExitAt: Double?, plannedSeconds planned: Double?) {
        guard buckets.indices.contains(stage) else { return }
        let entered = Date(storage: enteredAt)
        let entryDay: CalendarDay
        if days.indices.contains(dayOffset) {
            if let known = days[dayOffset] {
                entryDay = known
            } else {
                entryDay = period.first.adding(days: dayOffset)
                days[dayOffset] = entryDay
            }
        } else {
            entryDay = CalendarDay.containing(entered, in: calendar.timeZone)
        }
        count(meter.seconds(from: entered, on: entryDay), stage: stage)
        open[stage] += 1
        if let plannedExitAt {
            plannedVisits[stage] += 1
            plannedSeconds[stage] += planned ?? calendar.workingDuration(from: entered, to: Date(storage: plannedExitAt))
            if now.storage > plannedExitAt { late[stage] += 1 }
        }
    }

    /// One aggregate per stage. A stage's plan is the same working time for every visit (its
    /// expected working days), so its median and p90 are its mean.
    var aggregates: [StageTimeReport.Aggregate] {
        buckets.indices.map { stage in
            let groups = buckets[stage].enumerated().compactMap { bucket, tally in
                tally.count > 0 ? StageDurationHistogram.Group(bucket: bucket, count: tally.count, total: tally.total) : nil
            }
            let mean: TimeInterval? = plannedVisits[stage] > 0 ? plannedSeconds[stage] / Double(plannedVisits[stage]) : nil
            return StageTimeReport.Aggregate(
                stage: stage, open: open[stage], late: late[stage], actual: StageDurationHistogram.statistics(groups),
                planned: DurationStatistics(count: plannedVisits[stage], median: mean, p90: mean, mean: mean))
        }
    }
}
