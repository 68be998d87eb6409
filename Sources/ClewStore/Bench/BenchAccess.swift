import ClewDomain
import ClewServices
import Foundation
import GRDB

/// What `clew-bench`'s raw-SQL yardsticks (the `ClewBenchBaselines` target) need from the store,
/// and nothing else: a read snapshot and a write transaction on the database, the visibility
/// filter and column list the services use, the lead numbers and the bulk search indexing an
/// import uses. Exposed as the `Bench` SPI (`@_spi(Bench) import ClewStore`), so the product's
/// public API stays as it was; nothing in the product calls these.
@_spi(Bench) public enum BenchAccess {
    /// `body` on a read snapshot of `database`.
    public static func read<T>(_ database: ClewDatabase, _ body: (Database) throws -> T) throws -> T {
        try database.read(body)
    }

    /// `body` in one write transaction on `database`.
    public static func write<T>(_ database: ClewDatabase, _ body: (Database) throws -> T) throws -> T {
        try database.write(body)
    }

    /// The columns a service selects to decode a ``Lead``.
    public static var leadSelection: String { Lead.selection }

    /// The `WHERE` condition (and its arguments) limiting `lead` to what `actor` may read.
    public static func visibility(for actor: ActingUser) -> (sql: String, arguments: StatementArguments) {
        LeadLookup.visibility(for: actor)
    }

    /// The FTS5 expression ``SearchService`` matches for `text`.
    public static func matchExpression(for text: String) -> String? {
        SearchQuery(text)?.matchExpression
    }

    /// Reserves `count` lead numbers of `day` (inside a write transaction).
    public static func reserveLeadNumbers(_ db: Database, count: Int, on day: CalendarDay) throws -> ClosedRange<Int> {
        try LeadNumbering.reserve(db, count: count, on: day)
    }

    /// `body` with the search index's insert triggers off, then the new rows indexed in one go
    /// (what an import does per chunk).
    public static func bulkIndexing<T>(_ db: Database, _ body: () throws -> T) throws -> T {
        try SearchIndex.bulkIndexing(db, body)
    }

    /// How many rows `table` holds (the finance rows name their contracts and instalments).
    public static func count(_ database: ClewDatabase, _ table: StoredTable) throws -> Int {
        try database.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM \(table.rawValue)") ?? 0 }
    }

    /// How an instant is stored (seconds since 1970).
    public static func storage(_ date: Date) -> Double { date.storage }
}
