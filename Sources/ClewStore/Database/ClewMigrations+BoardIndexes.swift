import ClewServices
import GRDB

// MARK: - v20: the board's pages and totals read in index order

extension ClewMigrations {
    /// v20 (issue 16, cold start): three lead indexes widened so a fresh process's first board
    /// reads index entries, not lead rows. Each keeps its name and its leading columns, so every
    /// query that used the old one uses the new one the same way; the lead table keeps as many
    /// indexes as before (an import writes no more).
    ///
    /// - `lead_owner (owner, status, stage, stage_entered_at)`: a rep's column page
    ///   (`owner = ? AND status = 'active' AND stage = ? ORDER BY stage_entered_at`) is read in
    ///   order, instead of walking the whole stage's leads (`lead_stage`) for the rep's 1 %;
    /// - `lead_status_owner (status, owner, status_changed_at)`: the same for the intake columns
    ///   and a rep's unconfirmed assignments in the inbox, ordered by when they arrived;
    /// - `lead_status (status, status_changed_at, owner, amount_fen)`: covers the "Won (30 days)"
    ///   total for any scope — the last 30 days of wins are a range of this index, with the owner
    ///   and the amount in it — where it read every won lead's row to check its owner (6 200 pages
    ///   for a supervisor at 100 000 leads).
    static func widenBoardIndexes(_ db: Database) throws {
        try db.execute(sql: """
            DROP INDEX lead_owner;
            CREATE INDEX lead_owner ON lead(owner, status, stage, stage_entered_at);
            DROP INDEX lead_status_owner;
            CREATE INDEX lead_status_owner ON lead(status, owner, status_changed_at);
            DROP INDEX lead_status;
            CREATE INDEX lead_status ON lead(status, status_changed_at, owner, amount_fen);
            """)
    }
}
