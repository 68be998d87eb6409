import ClewDomain
import ClewServices
import Foundation
import GRDB

/// A day off or a make-up working day (调休) in the team's working calendar.
public struct HolidayEntry: Hashable, Sendable, Codable {
    public var day: CalendarDay
    /// True for a day off, false for a make-up working day on a weekend.
    public var isHoliday: Bool
    public var name: String?

    public init(day: CalendarDay, isHoliday: Bool, name: String? = nil) {
        self.day = day
        self.isHoliday = isHoliday
        self.name = name
    }
}

/// Reads and writes the working calendar's exceptions.
public struct HolidayStore: Sendable {
    let context: ClewContext
    let actor: ActingUser

    public init(context: ClewContext, actor: ActingUser) {
        self.context = context
        self.actor = actor
    }

    /// Every exception, in date order.
    public func list() throws -> [HolidayEntry] { try context.read { try Self.all($0) } }

    /// Adds or replaces the entries for `days` (admins only).
    public func set(_ days: [CalendarDay], isHoliday: Bool, name: String?) throws {
        try AccessPolicy.check(.administer, actor)
        try Self.checkCount(days)
        try context.mutate(as: actor) { m in
            for day in days {
                try m.db.execute(
                    sql: "INSERT INTO holiday (day, kind, name) VALUES (?, ?, ?) ON CONFLICT(day) DO UPDATE SET kind = excluded.kind, name = excluded.name",
                    arguments: [day.description, isHoliday ? "holiday" : "workday", name]
                )
                try m.audit("set-holiday", entity: "holiday", id: 0, field: day.description, new: isHoliday ? "holiday" : "workday")
            }
            try ReportSummaries.holidaysChanged(days, context: context, m.db)
        }
    }

    /// Removes the entries for `days` (admins only).
    public func remove(_ days: [CalendarDay]) throws {
        try AccessPolicy.check(.administer, actor)
        try Self.checkCount(days)
        try context.mutate(as: actor) { m in
            for day in days {
                try m.db.execute(sql: "DELETE FROM holiday WHERE day = ?", arguments: [day.description])
                if m.db.changesCount > 0 {
                    try m.audit("remove-holiday", entity: "holiday", id: 0, field: day.description)
                }
            }
            try ReportSummaries.holidaysChanged(days, context: context, m.db)
        }
    }

    /// At most a year of days per change (``CalendarDayRange/maximumDays``).
    private static func checkCount(_ days: [CalendarDay]) throws {
        guard let first = days.min(), let last = days.max(), days.count > CalendarDayRange.maximumDays else { return }
        throw CalendarDayRangeError.tooLong("\(first)..\(last)", days: days.count)
    }

    static func all(_ db: Database) throws -> [HolidayEntry] {
        try Row.fetchAll(db, sql: "SELECT day, kind, name FROM holiday ORDER BY day").compactMap { row in
            guard let day = CalendarDay(row["day"] as String) else { return nil }
            return HolidayEntry(day: day, isHoliday: (row["kind"] as String) == "holiday", name: row["name"])
        }
    }
}
