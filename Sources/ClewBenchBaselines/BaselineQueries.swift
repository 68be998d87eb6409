import ClewServices
@_spi(Bench) import ClewStore
import ClewDomain
import Foundation
import GRDB

/// Raw-SQL twins of the queries behind Clew's lists and search, **for benchmarks only**
/// (`clew-bench`, DESIGN.md §10). Nothing in the product calls them.
///
/// Each runs the same SQL shape a service runs (same table, filter, order and page size) straight
/// through GRDB on a read snapshot, steps every row and reads only its id, and returns how many
/// rows it got. No ``Lead`` is decoded and no permission is checked, so the time is what SQLite
/// itself needs (statements are prepared once and cached, the floor a service could reach); a
/// service's time over its baseline's is the cost of the service layer.
///
/// They live in their own target, `ClewBenchBaselines`, which only `clew-bench` links: the
/// product library carries no bench-only paths. What they need from the store comes through
/// ``BenchAccess`` (the `Bench` SPI).
///
/// ```swift
/// let baseline = BaselineQueries(database: database)
/// let rows = try baseline.leadListFirstPage(visibleTo: admin)   // 50
/// ```
public struct BaselineQueries: Sendable {
    let database: ClewDatabase

    public init(database: ClewDatabase) {
        self.database = database
    }

    /// The first page of `lead list` with the default ``LeadQuery``: leads `actor` may read,
    /// newest first (`ORDER BY id DESC`).
    public func leadListFirstPage(visibleTo actor: ActingUser, limit: Int = 50) throws -> Int {
        let visibility = BenchAccess.visibility(for: actor)
        return try count(sql: """
            SELECT \(BenchAccess.leadSelection) FROM lead WHERE \(visibility.sql) ORDER BY lead.id DESC LIMIT \(max(1, limit))
            """, arguments: visibility.arguments)
    }

    /// The first page of the screening queue: leads in `screening` `actor` may read, oldest first,
    /// along the `lead_status (status, status_changed_at)` index.
    public func screeningFirstPage(visibleTo actor: ActingUser, limit: Int = 50) throws -> Int {
        let visibility = BenchAccess.visibility(for: actor)
        return try count(sql: """
            SELECT \(BenchAccess.leadSelection) FROM lead WHERE lead.status = 'screening' AND \(visibility.sql)
            ORDER BY lead.status_changed_at, lead.id LIMIT \(max(1, limit))
            """, arguments: visibility.arguments)
    }

    /// The full-text match alone: `lead_search MATCH` the expression ``SearchService`` builds
    /// for `text`, newest first, without joining `lead`. Zero when `text` has nothing to search.
    public func searchMatch(_ text: String, limit: Int = 50) throws -> Int {
        guard let expression = Self.matchExpression(for: text) else { return 0 }
        return try count(sql: "SELECT rowid AS id FROM lead_search WHERE lead_search MATCH ? ORDER BY rowid DESC LIMIT \(max(1, limit))",
                         arguments: [expression])
    }

    /// The same match on follow-up notes (`follow_up_search`), which ``SearchService`` reads
    /// when the leads' own fields give less than a page.
    public func followUpSearchMatch(_ text: String, limit: Int = 100) throws -> Int {
        guard let expression = Self.matchExpression(for: text) else { return 0 }
        return try count(sql: "SELECT rowid AS id FROM follow_up_search WHERE follow_up_search MATCH ? ORDER BY rowid DESC LIMIT \(max(1, limit))",
                         arguments: [expression])
    }

    /// The FTS5 expression ``SearchService`` uses for `text` (for reports), nil when there is
    /// nothing to search for.
    public static func matchExpression(for text: String) -> String? {
        BenchAccess.matchExpression(for: text)
    }

    /// Runs `sql` on a read snapshot through a cached (already prepared) statement, stepping every
    /// row and reading its id, and returns the row count.
    private func count(sql: String, arguments: StatementArguments) throws -> Int {
        try BenchAccess.read(database) { db in
            let rows = try Row.fetchCursor(db.cachedStatement(sql: sql), arguments: arguments)
            var count = 0
            while let row = try rows.next() {
                _ = row["id"] as Int64
                count += 1
            }
            return count
        }
    }
}
