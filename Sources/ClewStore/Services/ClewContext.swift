import ClewDomain
import Foundation

/// What every service needs: the database, the clock, and the process definition.
///
/// Built once per process; the TUI's view models and the CLI commands share it. Tests pass a
/// ``FixedWallClock``.
public struct ClewContext: Sendable {
    public let database: ClewDatabase
    public let clock: any WallClock
    /// The process definition in force: scoring, routing, cadences, SLAs, triggers.
    public var process: ProcessDefinition {
        didSet { pipeline = process.pipeline }
    }
    /// The stages (the process definition's).
    public private(set) var pipeline: Pipeline
    public var calendar: WorkingCalendar

    public init(database: ClewDatabase, clock: any WallClock = SystemWallClock(), process: ProcessDefinition = .standard,
                calendar: WorkingCalendar = .standard()) {
        self.database = database
        self.clock = clock
        self.process = process
        self.pipeline = process.pipeline
        self.calendar = calendar
    }

    /// A copy whose calendar includes the holidays and make-up workdays stored in the database.
    public func loadingHolidays() throws -> ClewContext {
        var copy = self
        let rows = try database.read { try HolidayStore.all($0) }
        let base = calendar
        copy.calendar = WorkingCalendar(
            timeZone: base.timeZone, workdayStart: base.workdayStart, workdayEnd: base.workdayEnd, weekend: base.weekend,
            holidays: Set(rows.filter(\.isHoliday).map(\.day)), extraWorkdays: Set(rows.filter { !$0.isHoliday }.map(\.day)))
        return copy
    }

    /// A copy whose pipeline is the applied process definition's (the standard one when none
    /// has been applied).
    public func loadingProcess() throws -> ClewContext {
        var copy = self
        copy.process = try database.read { try ProcessService.current($0) }
        return copy
    }

    /// Runs `body` in one write transaction as `actor`.
    func mutate<T>(as actor: ActingUser, _ body: (Mutation) throws -> T) throws -> T {
        let now = clock.now()
        return try database.write { db in try body(Mutation(db: db, actor: actor, now: now)) }
    }
}
