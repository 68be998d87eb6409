import ClewServices
import GRDB

// MARK: - v29: the open stage visits still to work out, indexed on their own

extension ClewMigrations {
    /// v29 (issue 13, time per stage at 100 000 leads): the time-per-stage report reads the
    /// few open visits not worked out yet (no day of entry, or a plan without its working time)
    /// one by one. Nothing indexed exactly those, so the report stepped through every open visit
    /// of the period to find none — and for a scope read through the leads (marketing's own, a
    /// filter), through every lead of the scope: 35 000 to 100 000 look-ups for nothing. This
    /// partial index holds exactly them (usually no entry at all).
    static func indexUnsettledOpenVisits(_ db: Database) throws {
        try db.execute(sql: """
            CREATE INDEX stage_history_open_unsettled ON stage_history(id)
              WHERE exited_at IS NULL AND (entered_day IS NULL OR (planned_exit_at IS NOT NULL AND planned_seconds IS NULL));
            """)
    }
}
