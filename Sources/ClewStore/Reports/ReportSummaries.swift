import ClewDomain
import ClewServices
import Foundation
import GRDB

/// The summaries the reports read (v14, issue 13): kept current in the transaction of every
/// change (``settle(_:calendar:)`` at the end of each ``ClewContext`` change, the triggers of
/// `report_stage_day`), filled in once for a database made before them (``fillIfNeeded()``), and
/// versioned, so a screen can tell whether its figures changed (``fingerprint()``).
///
/// ```swift
/// try ReportSummaries(context: context).fillIfNeeded()   // at start-up; chunks of 2 000, each its own transaction
/// ```
public struct ReportSummaries: Sendable {
    let context: ClewContext

    public init(context: ClewContext) {
        self.context = context
    }

    /// Visits or leads worked out per transaction while filling in.
    static let chunk = 2_000

    /// The summaries' state: their time zone (nil until first used), whether existing rows were filled in, the version.
    struct State {
        var zone: TimeZone?
        var filled: Bool
        var version: Int64
    }

    static func state(_ db: Database) throws -> State {
        guard let row = try Row.fetchOne(db, sql: "SELECT time_zone, filled, version FROM report_summary_state WHERE id = 1") else {
            return State(zone: nil, filled: false, version: 0)
        }
        return State(zone: (row["time_zone"] as String?).flatMap(TimeZone.init(identifier:)), filled: row["filled"], version: row["version"])
    }

    /// The zone `entered_day` is kept in: the one recorded, else `calendar`'s (recorded now).
    static func zone(_ db: Database, calendar: WorkingCalendar) throws -> TimeZone {
        if let zone = try state(db).zone { return zone }
        try db.execute(sql: "UPDATE report_summary_state SET time_zone = ? WHERE id = 1", arguments: [calendar.timeZone.identifier])
        return calendar.timeZone
    }

    /// Works out the visits this transaction opened or ended (at most a chunk; none while a
    /// first fill is still due, which does them all).
    static func settle(_ db: Database, calendar: WorkingCalendar) throws {
        let state = try state(db)
        guard state.filled else { return }
        let zone = try zone(db, calendar: calendar)
        try StageVisitClock.settlePending(limit: chunk, calendar: calendar, zone: zone, db)
        try LeadDayClock.settlePending(limit: chunk, zone: zone, db)
    }

    /// Whether `report_cohort_day` answers a report read on `calendar`: the summaries are
    /// usable and every lead has its day.
    static func cohortsUsable(_ db: Database, calendar: WorkingCalendar) throws -> Bool {
        try usable(db, calendar: calendar) && !LeadDayClock.anyPending(db)
    }

    /// Whether the summaries answer a report read on `calendar`: filled in, and their days are
    /// the reader's days.
    static func usable(_ db: Database, calendar: WorkingCalendar) throws -> Bool {
        let state = try state(db)
        return state.filled && (state.zone == nil || state.zone?.identifier == calendar.timeZone.identifier)
    }

    /// Fills in the summaries of a database made before them (or seeded around them), in
    /// chunks of ``chunk`` — each its own short transaction — then marks them filled. Does
    /// nothing once they are. Returns the visits and leads worked out.
    @discardableResult
    public func fillIfNeeded() throws -> Int {
        let (filled, leadDays) = try context.read { db in (try Self.state(db).filled, try LeadDayClock.anyPending(db)) }
        if !filled { return try fill() }
        return leadDays ? try fillLeadDays() : 0
    }

    /// Works out the registration day of every lead still without one, in chunks.
    private func fillLeadDays() throws -> Int {
        var done = 0
        while true {
            let settled = try context.database.write { db in
                try LeadDayClock.settlePending(limit: Self.chunk, zone: try Self.zone(db, calendar: context.calendar), db)
            }
            done += settled
            if settled < Self.chunk { return done }
        }
    }

    /// Works out every visit and assignment still missing from the summaries, in chunks.
    @discardableResult
    func fill() throws -> Int {
        var done = 0
        while true {
            let settled = try context.database.write { db in
                try StageVisitClock.settlePending(limit: Self.chunk, calendar: context.calendar, zone: try Self.zone(db, calendar: context.calendar), db)
            }
            done += settled
            if settled < Self.chunk { break }
        }
        done += try fillLeadDays()
        var after: Int64 = 0
        while let last = try context.database.write({ db in
            try RepSLAOutcomes.fill(after: after, limit: Self.chunk, sla: context.process.sla, calendar: context.calendar, db)
        }) {
            after = last
            done += Self.chunk
        }
        try context.database.write { db in
            // Visits a concurrent writer left while the flag was down, then the flag.
            let zone = try Self.zone(db, calendar: context.calendar)
            try StageVisitClock.settlePending(limit: Int.max, calendar: context.calendar, zone: zone, db)
            try LeadDayClock.settlePending(limit: Int.max, zone: zone, db)
            try db.execute(sql: "UPDATE report_summary_state SET filled = 1 WHERE id = 1")
        }
        return done
    }

    /// Works the stored durations and SLA outcomes out again after a change of the holidays
    /// on `days` (in the same transaction), on the calendar as it now is.
    static func holidaysChanged(_ days: [CalendarDay], context: ClewContext, _ db: Database) throws {
        let entries = try HolidayStore.all(db)
        let base = context.calendar
        let calendar = WorkingCalendar(timeZone: base.timeZone, workdayStart: base.workdayStart, workdayEnd: base.workdayEnd, weekend: base.weekend,
                                       holidays: Set(entries.filter(\.isHoliday).map(\.day)),
                                       extraWorkdays: Set(entries.filter { !$0.isHoliday }.map(\.day)))
        try StageVisitClock.recompute(spanning: days, calendar: calendar, zone: try zone(db, calendar: calendar), db)
        try RepSLAOutcomes.recompute(spanning: days, sla: context.process.sla, calendar: calendar, db)
    }

    /// A number that changes whenever something a report counts changes (leads' reported
    /// fields, stage visits, SLA outcomes, campaigns, targets, users, opportunities,
    /// customers) and not otherwise: the background tick's reminders and flags leave it alone.
    public func fingerprint() throws -> Int64 {
        try context.database.read { try Self.state($0).version }
    }
}
