import ClewDomain
import Foundation
import GRDB

// MARK: - Screening queue

extension LeadService {
    /// A page of the screening queue (待筛选): leads in `screening` the actor may see, oldest
    /// first (by when they entered screening), paged by keyset.
    ///
    /// Reads the `lead_status (status, status_changed_at)` index in order, so the first page
    /// costs the same at 100 leads or 100 000. Unlike ``ScreeningService/items(offset:limit:)``
    /// it returns bare leads, without working-time ages or assignment suggestions.
    ///
    /// ```swift
    /// let first = try leads.screeningQueue()
    /// let next = try leads.screeningQueue(after: first.last?.number.description)
    /// ```
    ///
    /// - Parameters:
    ///   - limit: page size (default 50, at most 1000).
    ///   - after: continue after this lead number (the last one of the previous page).
    /// - Throws: ``PermissionError`` unless the actor may screen (admins and supervisors);
    ///   ``StoreError/notFound(_:)`` when `after` names no lead.
    public func screeningQueue(limit: Int = 50, after: String? = nil) throws -> [Lead] {
        try AccessPolicy.check(.screen, actor)
        let limit = max(1, min(limit, 1000))
        let visibility = LeadLookup.visibility(for: actor)
        return try context.read { db in
            var conditions = ["lead.status = 'screening'", visibility.sql]
            var arguments = visibility.arguments
            if let after {
                let number = try LeadLookup.parse(after)
                guard let row = try Row.fetchOne(db, sql: "SELECT id, status_changed_at FROM lead WHERE number = ?",
                                                 arguments: [number.description]) else {
                    throw StoreError.notFound("no lead \(number) to continue after")
                }
                let changedAt: Double = row["status_changed_at"]
                let id: Int64 = row["id"]
                // Spelled out rather than as a row value so SQLite uses it as an index range.
                conditions.append("(lead.status_changed_at > ? OR (lead.status_changed_at = ? AND lead.id > ?))")
                arguments += [changedAt, changedAt, id]
            }
            let sql = """
                SELECT \(Lead.selection) FROM lead WHERE \(conditions.joined(separator: " AND "))
                ORDER BY lead.status_changed_at, lead.id LIMIT \(limit)
                """
            return try Lead.fetchAll(db, sql: sql, arguments: arguments)
        }
    }
}
