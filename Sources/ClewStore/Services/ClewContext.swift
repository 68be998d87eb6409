import ClewDomain
import ClewServices
import Foundation
import GRDB

/// What every service needs: the database, the clock, the process definition, and what acts on
/// the events the services publish (the automation layer).
///
/// Built once per process; the TUI's view models and the CLI commands share it. Tests pass a
/// ``FixedWallClock``. A context made by ``loadingProcess()`` and ``loadingHolidays()``
/// follows the database: every transaction it opens (``read(_:)``, a service's change) uses the
/// process definition and calendar committed last, whoever applied them.
public struct ClewContext: Sendable {
    public let database: ClewDatabase
    public let clock: any WallClock
    private var fixedProcess: ProcessDefinition
    private var fixedCalendar: WorkingCalendar
    private var live: LiveRules?
    /// What acts on the events services publish (``publish(_:on:depth:_:)``): in a running
    /// Clew the automation layer (`ClewAutomation.AutomationEngine`); the store never names it.
    package var eventHandler: any DomainEventHandler

    /// The process definition in force: scoring, routing, cadences, SLAs, triggers.
    public var process: ProcessDefinition {
        get { live?.followsProcess == true ? live?.rules.process ?? fixedProcess : fixedProcess }
        set {
            fixedProcess = newValue
            if let live, live.followsProcess { self.live = Self.following(newValue, calendar, process: false, holidays: live.followsHolidays) }
        }
    }

    /// The stages (the process definition's).
    public var pipeline: Pipeline { process.pipeline }

    /// The working calendar: hours, weekend, holidays and make-up days.
    public var calendar: WorkingCalendar {
        get { live?.followsHolidays == true ? live?.rules.calendar ?? fixedCalendar : fixedCalendar }
        set {
            fixedCalendar = newValue
            if let live, live.followsHolidays { self.live = Self.following(process, newValue, process: live.followsProcess, holidays: false) }
        }
    }

    /// - Parameter automation: what acts on the services' events (the automation layer's engine, or
    ///   ``NoAutomation`` for a tool that must not set any rule off).
    package init(database: ClewDatabase, automation: any DomainEventHandler, clock: any WallClock = SystemWallClock(),
                 process: ProcessDefinition = .standard, calendar: WorkingCalendar = .standard()) {
        self.database = database
        self.eventHandler = automation
        self.clock = clock
        self.fixedProcess = process
        self.fixedCalendar = calendar
    }

    /// A copy whose calendar includes the holidays and make-up workdays stored in the database,
    /// and follows their changes.
    public func loadingHolidays() throws -> ClewContext {
        try following(process: live?.followsProcess ?? false, holidays: true)
    }

    /// A copy whose pipeline is the applied process definition's (the standard one when none
    /// has been applied), and follows what is applied later.
    public func loadingProcess() throws -> ClewContext {
        try following(process: true, holidays: live?.followsHolidays ?? false)
    }

    private func following(process followsProcess: Bool, holidays followsHolidays: Bool) throws -> ClewContext {
        var copy = self
        copy.live = Self.following(fixedProcess, fixedCalendar, process: followsProcess, holidays: followsHolidays)
        try database.read { try copy.live?.refresh($0) }
        return copy
    }

    private static func following(_ process: ProcessDefinition, _ calendar: WorkingCalendar, process followsProcess: Bool,
                                  holidays followsHolidays: Bool) -> LiveRules? {
        guard followsProcess || followsHolidays else { return nil }
        return LiveRules(process: process, calendar: calendar, followsProcess: followsProcess, followsHolidays: followsHolidays)
    }

    /// Runs `body` in one read transaction, with the rules brought up to date first.
    func read<T>(_ body: (Database) throws -> T) throws -> T {
        try database.read { db in
            try live?.refresh(db)
            return try body(db)
        }
    }

    /// Runs `body` in one write transaction as `actor`, with the rules brought up to date first.
    func mutate<T>(as actor: ActingUser, _ body: (Mutation) throws -> T) throws -> T {
        let now = clock.now()
        return try database.write { db in
            try live?.refresh(db)
            let result = try body(Mutation(db: db, actor: actor, now: now))
            try ReportSummaries.settle(db, calendar: calendar)
            return result
        }
    }
}
