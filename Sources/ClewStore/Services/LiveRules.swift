import ClewDomain
import ClewServices
import Foundation
import GRDB

/// The process definition and the working calendar as the database holds them now, shared by
/// every copy of a ``ClewContext`` that follows the database.
///
/// Each transaction a context opens first compares a stamp (the applied process version and
/// the last holiday change) with the one it last read; when another process ran
/// `clew process apply` or `clew holiday add`, the rules are read again inside that same
/// transaction, so an open TUI follows them at once and never mixes two versions in one change.
final class LiveRules: @unchecked Sendable {
    /// What identifies one state of the rules.
    struct Stamp: Equatable {
        var processVersion: Int?
        var holidayChange: Int64?
    }

    let followsProcess: Bool
    let followsHolidays: Bool
    private let base: WorkingCalendar
    private let lock = NSLock()
    private var stamp: Stamp?
    private var current: (process: ProcessDefinition, calendar: WorkingCalendar)

    init(process: ProcessDefinition, calendar: WorkingCalendar, followsProcess: Bool, followsHolidays: Bool) {
        self.followsProcess = followsProcess
        self.followsHolidays = followsHolidays
        self.base = calendar
        self.current = (process, calendar)
    }

    /// The rules in force after the last ``refresh(_:)``.
    var rules: (process: ProcessDefinition, calendar: WorkingCalendar) { lock.withLock { current } }

    /// Reads the rules again if they changed since the last read (one indexed query when not).
    func refresh(_ db: Database) throws {
        // `INDEXED BY`: with planner statistics SQLite would answer `max(id)` by walking the
        // audit table backwards from its newest row until a holiday row turns up (30 ms at
        // 100 000 leads, on every transaction); the entity index holds the few holiday rows.
        let row = try Row.fetchOne(db.cachedStatement(sql: """
            SELECT (SELECT max(version) FROM process_definition) AS process,
                   (SELECT max(id) FROM audit INDEXED BY audit_entity WHERE entity = 'holiday') AS holiday
            """))
        let now = Stamp(processVersion: followsProcess ? row?["process"] : nil, holidayChange: followsHolidays ? row?["holiday"] : nil)
        if lock.withLock({ stamp == now }) { return }
        var (process, calendar) = rules
        if followsProcess { process = try ProcessService.current(db) }
        if followsHolidays {
            let entries = try HolidayStore.all(db)
            calendar = WorkingCalendar(
                timeZone: base.timeZone, workdayStart: base.workdayStart, workdayEnd: base.workdayEnd, weekend: base.weekend,
                holidays: Set(entries.filter(\.isHoliday).map(\.day)), extraWorkdays: Set(entries.filter { !$0.isHoliday }.map(\.day)))
        }
        lock.withLock {
            current = (process, calendar)
            stamp = now
        }
    }
}
