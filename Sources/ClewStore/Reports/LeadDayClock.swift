import ClewDomain
import ClewServices
import Foundation
import GRDB

/// Each lead's local day of registration (v19, issue 13), which `report_cohort_day` counts it
/// under: worked out by the store in the transaction that registered the lead (or changed its
/// `created_at`), since a trigger cannot apply a time zone.
enum LeadDayClock {
    /// Works out the days of at most `limit` leads that have none (the partial index
    /// `lead_unsettled_day` holds exactly those), in `zone`; how many there were.
    @discardableResult
    static func settlePending(limit: Int, zone: TimeZone, _ db: Database) throws -> Int {
        let rows = try Row.fetchAll(db, sql: """
            SELECT id, created_at FROM lead INDEXED BY lead_unsettled_day WHERE created_day IS NULL LIMIT ?
            """, arguments: [limit])
        let statement = try db.cachedStatement(sql: "UPDATE lead SET created_day = ? WHERE id = ?")
        for row in rows {
            let day = CalendarDay.containing(Date(storage: row["created_at"]), in: zone)
            try statement.execute(arguments: [day.description, row["id"] as Int64])
        }
        return rows.count
    }

    /// Whether some lead has no day yet (the cohort summary does not hold it).
    static func anyPending(_ db: Database) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM lead INDEXED BY lead_unsettled_day WHERE created_day IS NULL)") ?? false
    }
}
