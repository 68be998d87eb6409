import ClewDomain
import ClewServices
import Foundation
import GRDB

/// Hands out lead numbers `XL-YYYYMMDD-NNN`: a per-day sequence kept in the database and bumped
/// inside the caller's write transaction. SQLite lets one writer in at a time, so concurrent
/// processes never get the same number; a rolled-back transaction leaves no gap.
enum LeadNumbering {
    /// The next number of `day`.
    static func next(_ db: Database, on day: CalendarDay) throws -> LeadNumber {
        let sequence = try Int.fetchOne(
            db.cachedStatement(sql: "INSERT INTO lead_sequence (day, last) VALUES (?, 1) ON CONFLICT(day) DO UPDATE SET last = last + 1 RETURNING last"),
            arguments: [day.description]
        ) ?? 1
        return LeadNumber(day: day, sequence: sequence)
    }

    /// Reserves `count` consecutive numbers for one day at once (bulk import and seeding).
    static func reserve(_ db: Database, count: Int, on day: CalendarDay) throws -> ClosedRange<Int> {
        let last = try Int.fetchOne(
            db,
            sql: "INSERT INTO lead_sequence (day, last) VALUES (?, ?) ON CONFLICT(day) DO UPDATE SET last = last + ? RETURNING last",
            arguments: [day.description, count, count]
        ) ?? count
        return (last - count + 1)...last
    }
}
