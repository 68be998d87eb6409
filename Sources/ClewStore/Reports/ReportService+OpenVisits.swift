import ClewDomain
import ClewServices
import Foundation
import GRDB

// MARK: - Time per stage: the open visits, counted in SQL

extension ReportService {
    /// Counts the open visits entered in the period into `tally`, measured up to now: those whose
    /// day of entry is stored in the reader's days are grouped by stage and duration bucket in
    /// SQL — each day's working hours and the working time after it passed in, the bucket found by
    /// comparing with the buckets' bounds — the few others (not worked out yet) one by one.
    ///
    /// - Parameters:
    ///   - source: the `FROM` of the visits (`h`), with its arguments.
    ///   - sameDays: whether stored days are the reader's (else every visit is read one by one).
    func countOpenVisits(_ request: ReportRequest, filter: Filter, source: (sql: String, arguments: StatementArguments), sameDays: Bool,
                         into tally: inout StageTally, _ db: Database) throws {
        let period = request.period
        let now = context.clock.now()
        let stageRank = stageRankSQL("h.stage")
        let within: StatementArguments = [period.from.storage, period.to.storage]
        // Not worked out (no day, or a plan without its working time): one by one, as before —
        // found on v29's index of exactly those (usually none), then their leads.
        let oneByOne = sameDays ? "AND (h.entered_day IS NULL OR (h.planned_exit_at IS NOT NULL AND h.planned_seconds IS NULL))" : ""
        let unsettled: (sql: String, arguments: StatementArguments) = sameDays
            ? ("stage_history h INDEXED BY stage_history_open_unsettled" + (filter.readsLead ? " CROSS JOIN lead ON lead.id = h.lead_id" : ""), [])
            : source
        let day = sameDays ? "coalesce(CAST(julianday(h.entered_day) - julianday(?) AS INTEGER), -1)" : "-1"
        let dayArguments: StatementArguments = sameDays ? [period.first.description] : []
        let single = try Row.fetchCursor(db, sql: """
            SELECT \(stageRank.sql), h.entered_at, \(day), h.planned_exit_at, h.planned_seconds
            FROM \(unsettled.sql)
            WHERE h.exited_at IS NULL AND h.entered_at >= ? AND h.entered_at < ? \(oneByOne) AND \(filter.sql)
            """, arguments: stageRank.arguments + dayArguments + unsettled.arguments + within + filter.arguments)
        while let row = try single.next() {
            guard let stage = row[0] as Int? else { continue }
            tally.addOpen(stage: stage, enteredAt: row[1], dayOffset: row[2], plannedExitAt: row[3], plannedSeconds: row[4])
        }
        guard sameDays else { return }

        // Each day of the period: its working hours (start, finish: none is 0, 0) and the working time after it.
        var meter = WorkingTimeUntil(calendar: context.calendar, end: now)
        var days: [(day: String, start: Double, finish: Double, rest: Double)] = []
        for offset in 0..<period.days {
            let entry = period.first.adding(days: offset)
            let terms = meter.terms(on: entry)
            days.append((entry.description, terms.hours?.start.storage ?? 0, terms.hours?.finish.storage ?? 0, terms.rest))
        }
        // A visit's working time so far, by halving on its day of entry (a handful of comparisons
        // per visit, where a join to the days scanned them all for each): NULL for a day outside the period.
        let sofar = Self.daySQL(days, lower: 0, upper: days.count)
        // No open visit of the period can have worked longer than from the period's start until now.
        let longest = context.calendar.workingDuration(from: period.from, to: max(now, period.from))
        let bucket = Self.bucketSQL("sec", upTo: StageDurationHistogram.bucket(of: longest))
        // `LIMIT -1` keeps the inner query from being flattened into the outer one, which would
        // work `sec` out again for each of its uses (the bucket's comparisons and the sum).
        let grouped = try Row.fetchCursor(db, sql: """
            SELECT rank, \(bucket.sql) AS bucket, count(*), total(sec), total(planned_exit_at IS NOT NULL), total(planned_seconds),
              total(planned_exit_at IS NOT NULL AND planned_exit_at < ?)
            FROM (
              SELECT \(stageRank.sql) AS rank, h.planned_exit_at, CASE WHEN h.planned_exit_at IS NOT NULL THEN h.planned_seconds END AS planned_seconds,
                CASE WHEN h.entered_at >= ? THEN 0 ELSE \(sofar.sql) END AS sec
              FROM \(source.sql)
              WHERE h.exited_at IS NULL AND h.entered_at >= ? AND h.entered_at < ? AND h.entered_day >= ? AND h.entered_day <= ?
                AND NOT (h.planned_exit_at IS NOT NULL AND h.planned_seconds IS NULL) AND \(filter.sql)
              LIMIT -1
            )
            WHERE rank IS NOT NULL AND sec IS NOT NULL
            GROUP BY rank, bucket
            """, arguments: bucket.arguments + [now.storage] + stageRank.arguments + [now.storage] + sofar.arguments + source.arguments + within
                + [period.first.description, period.last.description] + filter.arguments)
        while let row = try grouped.next() {
            tally.addOpen(stage: row[0], bucket: row[1], visits: row[2], seconds: row[3], plannedVisits: Int(row[4] as Double),
                          plannedSeconds: row[5], late: Int(row[6] as Double))
        }
    }

    /// `CASE WHEN h.entered_day < ? THEN … END`: the working time from `h.entered_at` until now
    /// for a visit entered on one of `days` (its hours that day, then the working time after it),
    /// found by halving between the days; NULL for a day that is none of them.
    static func daySQL(_ days: [(day: String, start: Double, finish: Double, rest: Double)], lower: Int, upper: Int)
        -> (sql: String, arguments: StatementArguments) {
        guard upper - lower > 1 else {
            guard days.indices.contains(lower) else { return ("NULL", []) }
            let day = days[lower]
            return ("CASE WHEN h.entered_day = ? THEN ? + max(0, ? - max(h.entered_at, ?)) END", [day.day, day.rest, day.finish, day.start])
        }
        let middle = (lower + upper) / 2
        let left = daySQL(days, lower: lower, upper: middle)
        let right = daySQL(days, lower: middle, upper: upper)
        return ("CASE WHEN h.entered_day < ? THEN \(left.sql) ELSE \(right.sql) END", [days[middle].day] + left.arguments + right.arguments)
    }

    /// `CASE WHEN x < ? THEN … END`: the ``StageDurationHistogram`` bucket of the duration `x`
    /// (at most `last`), by halving between the buckets' lower bounds.
    static func bucketSQL(_ x: String, upTo last: Int) -> (sql: String, arguments: StatementArguments) {
        func tree(_ low: Int, _ high: Int) -> (sql: String, arguments: StatementArguments) {
            guard low < high else { return ("\(low)", []) }
            let middle = (low + high + 1) / 2
            let below = tree(low, middle - 1)
            let above = tree(middle, high)
            return ("CASE WHEN \(x) < ? THEN \(below.sql) ELSE \(above.sql) END",
                    [StageDurationHistogram.lowerBound(of: middle)] + below.arguments + above.arguments)
        }
        return tree(0, max(0, min(last, StageDurationHistogram.lastBucket)))
    }
}
