import ClewServices
@_spi(Bench) import ClewStore
import Foundation
import GRDB

// MARK: - Reports

/// The naive form of each report's aggregate, for `clew-bench` to time beside ``ReportService``:
/// one grouped query over the same cohort with no visibility, stage history or derived figures.
extension BaselineQueries {
    /// Leads registered in `[from, to)` by status (a funnel from current status alone).
    public func funnelByStatus(from: Date, to: Date) throws -> Int {
        try BenchAccess.read(database) { db in
            try Row.fetchAll(db, sql: "SELECT status, count(*) FROM lead WHERE created_at >= ? AND created_at < ? GROUP BY status",
                             arguments: [BenchAccess.storage(from), BenchAccess.storage(to)]).count
        }
    }

    /// Stage visits entered in `[from, to)`: count and mean time per stage.
    public func stageVisits(from: Date, to: Date, now: Date) throws -> Int {
        try BenchAccess.read(database) { db in
            try Row.fetchAll(db, sql: """
                SELECT stage, count(*), avg(coalesce(exited_at, ?) - entered_at) FROM stage_history
                WHERE entered_at >= ? AND entered_at < ? GROUP BY stage
                """, arguments: [BenchAccess.storage(now), BenchAccess.storage(from), BenchAccess.storage(to)]).count
        }
    }

    /// Leads assigned in `[from, to)` per owner.
    public func assignedPerOwner(from: Date, to: Date) throws -> Int {
        try BenchAccess.read(database) { db in
            try Row.fetchAll(db, sql: "SELECT owner, count(*) FROM lead WHERE assigned_at >= ? AND assigned_at < ? GROUP BY owner",
                             arguments: [BenchAccess.storage(from), BenchAccess.storage(to)]).count
        }
    }

    /// Leads registered in `[from, to)` per `column` (source or campaign), with wins and amount.
    public func leadsPer(_ column: ReportColumn, from: Date, to: Date) throws -> Int {
        try BenchAccess.read(database) { db in
            try Row.fetchAll(db, sql: """
                SELECT \(column.rawValue), count(*), sum(status = 'won'), total(amount_fen) FROM lead
                WHERE created_at >= ? AND created_at < ? GROUP BY \(column.rawValue)
                """, arguments: [BenchAccess.storage(from), BenchAccess.storage(to)]).count
        }
    }

    /// The grouping columns ``leadsPer(_:from:to:)`` accepts.
    public enum ReportColumn: String, Sendable {
        case source, campaign
    }

    /// The customers with most won in `[from, to)`.
    public func topCustomers(from: Date, to: Date, limit: Int) throws -> Int {
        try BenchAccess.read(database) { db in
            try Row.fetchAll(db, sql: """
                SELECT customer_id, total(amount_fen) AS won FROM opportunity WHERE won_at >= ? AND won_at < ?
                GROUP BY customer_id ORDER BY won DESC LIMIT ?
                """, arguments: [BenchAccess.storage(from), BenchAccess.storage(to), limit]).count
        }
    }

    /// Leads registered in `[from, to)`.
    public func leadsRegistered(from: Date, to: Date) throws -> Int {
        try BenchAccess.read(database) { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM lead WHERE created_at >= ? AND created_at < ?", arguments: [BenchAccess.storage(from), BenchAccess.storage(to)]) ?? 0
        }
    }
}
