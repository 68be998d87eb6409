import ClewDomain
import Foundation
import GRDB

/// The benchmark's yardstick for imports (DESIGN §10: "import ≥ 1/3 of the raw insert rate"):
/// the same rows written with one prepared `INSERT INTO lead` each in one transaction — no
/// parsing, cleaning, validation, duplicate lookups, scoring, audit or history — so the ratio
/// shows what all of that costs.
public enum ImportBaseline {
    /// Inserts `rows` (cells in the order customer, contact, phone, email, industry, need, source,
    /// city) as new leads, raw; returns how many were written.
    public static func insertRaw(_ rows: [[String]], into context: ClewContext, as login: String) throws -> Int {
        let now = context.clock.now()
        let day = CalendarDay.containing(now, in: context.calendar.timeZone)
        return try context.database.write { db in
            let numbers = try LeadNumbering.reserve(db, count: rows.count, on: day)
            let statement = try db.makeStatement(sql: """
                INSERT INTO lead (number, status, customer, contact, phone, email, industry, need, source, city, flags, tags,
                  created_by, created_at, updated_by, updated_at, version, status_changed_at)
                VALUES (?, 'new', ?, ?, ?, ?, ?, ?, ?, ?, '', '', ?, ?, ?, ?, 1, ?)
                """)
            var sequence = numbers.lowerBound
            for cells in rows {
                let c = cells + Array(repeating: "", count: max(0, 8 - cells.count))
                try statement.execute(arguments: [
                    LeadNumber(day: day, sequence: sequence).description, c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7],
                    login, now.storage, login, now.storage, now.storage,
                ])
                sequence += 1
            }
            return rows.count
        }
    }
}
