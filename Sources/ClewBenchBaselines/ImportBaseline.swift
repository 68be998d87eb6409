import ClewServices
@_spi(Bench) import ClewStore
import ClewDomain
import Foundation
import GRDB

/// The benchmark's yardsticks for imports (issue 12 §2), measured in the same run as the import:
///
/// - ``insertFloor(_:into:as:chunk:)`` — Clew's own SQL floor: the same rows by plain SQL into
///   Clew's schema (every lead index, the search index — filled once per chunk, as a bulk load
///   does — and an audit row per lead) in chunks of a few thousand rows, with nothing else — no parsing, cleaning, duplicate lookups, scoring,
///   routing or import history. The import's target is half of it.
/// - ``insertPlain(_:into:chunk:)`` — the same rows into a plain table with a unique phone index:
///   what SQLite itself does, for scale.
public enum ImportBaseline {
    /// One row ready for SQL: cells in the order customer, contact, phone, email, industry, need,
    /// source, city, with the normalised phone and email keys.
    public struct Row: Sendable {
        public var cells: [String]
        public var phoneKey: String?
        public var emailKey: String?

        public init(cells: [String]) {
            self.cells = cells + Array(repeating: "", count: max(0, 8 - cells.count))
            phoneKey = PhoneNumber.normalize(self.cells[2])
            emailKey = EmailAddress.normalize(self.cells[3])
        }
    }

    /// Inserts `rows` as new leads plus an audit row each, `chunk` rows per transaction.
    public static func insertFloor(_ rows: [Row], into context: ClewContext, as login: String, chunk: Int = 5_000) throws -> Int {
        let now = context.clock.now()
        let day = CalendarDay.containing(now, in: context.calendar.timeZone)
        var start = 0
        while start < rows.count {
            let slice = rows[start..<min(start + chunk, rows.count)]
            try BenchAccess.write(context.database) { db in
                let numbers = try BenchAccess.reserveLeadNumbers(db, count: slice.count, on: day)
                let lead = try db.cachedStatement(sql: """
                    INSERT INTO lead (number, status, customer, contact, phone, phone_key, email, email_key, industry, need, source, city,
                      flags, tags, created_by, created_at, updated_by, updated_at, version, status_changed_at)
                    VALUES (?, 'screening', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '', '', ?, ?, ?, ?, 1, ?)
                    """)
                let audit = try db.cachedStatement(sql: """
                    INSERT INTO audit (at, actor, action, entity, entity_id, field, new) VALUES (?, ?, 'import', 'lead', ?, 'import', ?)
                    """)
                var sequence = numbers.lowerBound
                try BenchAccess.bulkIndexing(db) {
                    for row in slice {
                        let c = row.cells
                        let number = LeadNumber(day: day, sequence: sequence).description
                        try lead.execute(arguments: [number, c[0], c[1], c[2], row.phoneKey, c[3], row.emailKey, c[4], c[5], c[6], c[7],
                                                     login, BenchAccess.storage(now), login, BenchAccess.storage(now), BenchAccess.storage(now)])
                        try audit.execute(arguments: [BenchAccess.storage(now), login, db.lastInsertedRowID, number])
                        sequence += 1
                    }
                }
            }
            start += chunk
        }
        return rows.count
    }

    /// Inserts `rows` into the table `plain_import` (created when missing, with a unique index on
    /// the phone), `chunk` rows per transaction.
    public static func insertPlain(_ rows: [Row], into context: ClewContext, chunk: Int = 5_000) throws -> Int {
        try BenchAccess.write(context.database) { db in
            try db.execute(sql: """
                CREATE TABLE IF NOT EXISTS plain_import (customer TEXT, contact TEXT, phone TEXT, email TEXT, industry TEXT, need TEXT,
                  source TEXT, city TEXT);
                CREATE UNIQUE INDEX IF NOT EXISTS plain_import_phone ON plain_import(phone);
                """)
        }
        var start = 0
        while start < rows.count {
            let slice = rows[start..<min(start + chunk, rows.count)]
            try BenchAccess.write(context.database) { db in
                let insert = try db.cachedStatement(sql: "INSERT OR IGNORE INTO plain_import VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                for row in slice { try insert.execute(arguments: StatementArguments(row.cells)) }
            }
            start += chunk
        }
        return rows.count
    }
}
