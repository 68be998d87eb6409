import ClewServices
import GRDB

// MARK: - v23: the inbox's counts read from the index

extension ClewMigrations {
    /// v23 (issue 16, cold start): `notification_inbox` gains the id and the kind at its end.
    /// The inbox's two unread counts (mentions and approvals apart from automatic alerts) then
    /// filter by kind in the index instead of reading every unread row — a supervisor with
    /// 17 000 unread escalations waited 21 ms for each count. The id comes before the kind so
    /// the first page (`ORDER BY created_at DESC, id DESC`) is still read in index order: a
    /// tick's alerts share one `created_at`, and sorting 17 000 of them took 40 ms. The leading
    /// columns are those of v1's index, so every query that used it uses this one the same way.
    static func widenInboxIndex(_ db: Database) throws {
        try db.execute(sql: """
            DROP INDEX notification_inbox;
            CREATE INDEX notification_inbox ON notification(recipient, read_at, created_at, id, kind);
            """)
    }
}
