import ClewDomain
import ClewServices
import Foundation
import GRDB

/// Whether a lead's current assignment was confirmed, and first followed up, within the
/// process's SLAs — stored in `lead_sla` when it happens (v14, issue 13), so the reps report
/// counts instead of measuring working time per received lead.
///
/// A row belongs to the assignment at its `assigned_at`: once the lead is assigned again, the
/// reports ignore it until the new assignment's confirmation or follow-up replaces it.
enum RepSLAOutcomes {
    /// What happened to the assignment.
    enum Event {
        /// The lead entered a stage (the first since the assignment confirms it).
        case confirmed
        /// A follow-up was logged, dated `at`.
        case followedUp
    }

    /// Records `event` at `at` for lead `leadID`'s current assignment: kept when it is the
    /// earliest of its kind since the assignment.
    static func record(_ event: Event, leadID: Int64, at: Date, sla: SLAPolicy, calendar: WorkingCalendar, _ db: Database) throws {
        guard let assigned = try Double.fetchOne(db, sql: "SELECT assigned_at FROM lead WHERE id = ?", arguments: [leadID]),
              at.storage >= assigned else { return }
        let row = try Row.fetchOne(db, sql: "SELECT * FROM lead_sla WHERE lead_id = ? AND assigned_at = ?", arguments: [leadID, assigned])
        var confirmed: Double? = row.flatMap { $0["confirmed_at"] }
        var followed: Double? = row.flatMap { $0["followed_at"] }
        switch event {
        case .confirmed:
            guard confirmed.map({ at.storage < $0 }) ?? true else { return }
            confirmed = at.storage
        case .followedUp:
            guard followed.map({ at.storage < $0 }) ?? true else { return }
            followed = at.storage
        }
        try write(leadID: leadID, assignedAt: assigned, confirmedAt: confirmed, followedAt: followed, sla: sla, calendar: calendar, db)
    }

    /// Stores the outcome of the assignment at `assignedAt` (replacing any older one).
    static func write(leadID: Int64, assignedAt: Double, confirmedAt: Double?, followedAt: Double?, sla: SLAPolicy,
                      calendar: WorkingCalendar, _ db: Database) throws {
        let assigned = Date(storage: assignedAt)
        func kept(_ at: Double?, _ within: ProcessDuration) -> Bool? {
            at.map { within.isKept(from: assigned, to: Date(storage: $0), on: calendar) }
        }
        try db.cachedStatement(sql: """
            INSERT INTO lead_sla (lead_id, assigned_at, confirmed_at, confirmed_kept, followed_at, followed_kept) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (lead_id) DO UPDATE SET assigned_at = excluded.assigned_at, confirmed_at = excluded.confirmed_at,
              confirmed_kept = excluded.confirmed_kept, followed_at = excluded.followed_at, followed_kept = excluded.followed_kept
            """).execute(arguments: [leadID, assignedAt, confirmedAt, kept(confirmedAt, sla.confirmWithin), followedAt,
                                     kept(followedAt, sla.firstFollowUpWithin)])
    }

    /// Fills in the outcome of up to `limit` assigned leads after `afterID` that have none,
    /// from their stage history and follow-ups; the last lead id read, nil when none was left.
    static func fill(after afterID: Int64, limit: Int, sla: SLAPolicy, calendar: WorkingCalendar, _ db: Database) throws -> Int64? {
        let rows = try Row.fetchAll(db, sql: """
            SELECT lead.id, lead.assigned_at,
              (SELECT min(h.entered_at) FROM stage_history h WHERE h.lead_id = lead.id AND h.entered_at >= lead.assigned_at) AS confirmed_at,
              (SELECT min(f.at) FROM follow_up f WHERE f.lead_id = lead.id AND f.at >= lead.assigned_at) AS followed_at
            FROM lead LEFT JOIN lead_sla s ON s.lead_id = lead.id AND s.assigned_at = lead.assigned_at
            WHERE lead.id > ? AND lead.assigned_at IS NOT NULL AND s.lead_id IS NULL
            ORDER BY lead.id LIMIT ?
            """, arguments: [afterID, limit])
        for row in rows {
            try write(leadID: row["id"], assignedAt: row["assigned_at"], confirmedAt: row["confirmed_at"], followedAt: row["followed_at"],
                      sla: sla, calendar: calendar, db)
        }
        return rows.last?["id"]
    }

    /// Works the outcomes of the assignments that span any of `days` out again (holidays changed).
    static func recompute(spanning days: [CalendarDay], sla: SLAPolicy, calendar: WorkingCalendar, _ db: Database) throws {
        for day in Set(days) {
            let start = day.date(in: calendar.timeZone).storage
            let end = day.adding(days: 1).date(in: calendar.timeZone).storage
            for row in try Row.fetchAll(db, sql: """
                SELECT lead_id, assigned_at, confirmed_at, followed_at FROM lead_sla
                WHERE assigned_at < ? AND (confirmed_at > ? OR followed_at > ?)
                """, arguments: [end, start, start]) {
                try write(leadID: row["lead_id"], assignedAt: row["assigned_at"], confirmedAt: row["confirmed_at"],
                          followedAt: row["followed_at"], sla: sla, calendar: calendar, db)
            }
        }
    }
}
