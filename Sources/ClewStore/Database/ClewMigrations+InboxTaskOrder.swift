import ClewServices
import GRDB

// MARK: - v25: the inbox's tasks read in the order they are shown

extension ClewMigrations {
    /// v25 (issue 14, the finance screen's cold start): `task_inbox` ends with the effective
    /// due time, `coalesce(snoozed_until, due_at)` — the inbox's `ORDER BY` — so a user's open
    /// tasks are read in order and the read stops at the page. A finance user with 9 175 open
    /// invoicing and collection tasks waited 11 ms for all of them to be sorted; now a page
    /// is read. Its leading columns are the old index's, so every query by assignee and status
    /// uses it as before (none ordered by `due_at` alone).
    static func orderInboxTasks(_ db: Database) throws {
        try db.execute(sql: """
            DROP INDEX task_inbox;
            CREATE INDEX task_inbox ON task(assignee, status, coalesce(snoozed_until, due_at));
            """)
    }
}
