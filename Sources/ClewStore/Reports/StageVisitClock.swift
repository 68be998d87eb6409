import ClewDomain
import ClewServices
import Foundation
import GRDB

/// The working time of stage visits (v14, issue 13): a visit's local day of entry and its plan's
/// working time, stored when it is entered; its working time and histogram bucket, stored when it
/// ends — which the triggers of `report_stage_day` then count. Worked out again when holidays change.
enum StageVisitClock {
    /// The visits not yet worked out: entered without a day, or ended without a duration.
    /// (The partial index `stage_history_unsettled` holds exactly these.)
    static let unsettled = "(entered_day IS NULL OR (exited_at IS NOT NULL AND working_seconds IS NULL))"

    /// Works out the visits of `rows` (id, entered_at, exited_at, planned_exit_at) on `calendar`,
    /// days in `zone`.
    static func settle(_ rows: [Row], calendar: WorkingCalendar, zone: TimeZone, _ db: Database) throws {
        let statement = try db.cachedStatement(sql: """
            UPDATE stage_history SET entered_day = ?, working_seconds = ?, planned_seconds = ?, duration_bucket = ? WHERE id = ?
            """)
        for row in rows {
            let entered = Date(storage: row["entered_at"])
            let exited = (row["exited_at"] as Double?).map(Date.init(storage:))
            let planned = (row["planned_exit_at"] as Double?).map(Date.init(storage:))
            let working = exited.map { calendar.workingDuration(from: entered, to: $0) }
            try statement.execute(arguments: [
                CalendarDay.containing(entered, in: zone).description, working,
                planned.map { calendar.workingDuration(from: entered, to: $0) },
                working.map(StageDurationHistogram.bucket(of:)), row["id"] as Int64,
            ])
        }
    }

    /// The unsettled visits, at most `limit` of them, worked out; how many there were.
    @discardableResult
    static func settlePending(limit: Int, calendar: WorkingCalendar, zone: TimeZone, _ db: Database) throws -> Int {
        let rows = try Row.fetchAll(db, sql: """
            SELECT id, entered_at, exited_at, planned_exit_at FROM stage_history INDEXED BY stage_history_unsettled
            WHERE \(unsettled) LIMIT ?
            """, arguments: [limit])
        try settle(rows, calendar: calendar, zone: zone, db)
        return rows.count
    }

    /// Works the ended visits that span any of `days` out again on `calendar` (holidays changed).
    static func recompute(spanning days: [CalendarDay], calendar: WorkingCalendar, zone: TimeZone, _ db: Database) throws {
        for day in Set(days) {
            let start = day.date(in: calendar.timeZone).storage
            let end = day.adding(days: 1).date(in: calendar.timeZone).storage
            // Entered before the day ends (the entry index), ended or planned to end after it began.
            let rows = try Row.fetchAll(db, sql: """
                SELECT id, entered_at, exited_at, planned_exit_at FROM stage_history
                WHERE entered_at < ? AND (exited_at > ? OR planned_exit_at > ?) AND entered_day IS NOT NULL
                """, arguments: [end, start, start])
            try settle(rows, calendar: calendar, zone: zone, db)
        }
    }
}
