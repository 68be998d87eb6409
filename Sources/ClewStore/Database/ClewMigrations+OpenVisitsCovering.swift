import ClewServices
import GRDB

// MARK: - v28: the open stage visits' index covers its own condition

extension ClewMigrations {
    /// v28 (issue 13, time per stage at 100 000 leads): v14's index of the open stage visits
    /// ends with `exited_at`. The time-per-stage report repeats the partial index's condition
    /// (`exited_at IS NULL`), and without the column in the index SQLite read each of the
    /// period's 33 000 open visits' rows to check it (as v26 found for the owed instalments). Now
    /// the open visits are read from index entries only. The name and leading columns are v14's.
    ///
    /// `stage_history_open_lead` holds the same open visits by lead: a team's or a rep's report
    /// reads the owners' leads first, and found each one's visits of the period on
    /// `stage_history_lead`, then every visit's row to tell whether it was still open (40 ms of
    /// CPU for a supervisor's 14 500 leads); now one look-up per lead in the open visits alone (14 ms).
    static func coverOpenVisits(_ db: Database) throws {
        try db.execute(sql: """
            DROP INDEX stage_history_open_entered;
            CREATE INDEX stage_history_open_entered
              ON stage_history(entered_at, stage, planned_exit_at, entered_day, planned_seconds, lead_id, exited_at)
              WHERE exited_at IS NULL;
            CREATE INDEX stage_history_open_lead
              ON stage_history(lead_id, entered_at, stage, planned_exit_at, entered_day, planned_seconds, exited_at)
              WHERE exited_at IS NULL;
            """)
    }
}
