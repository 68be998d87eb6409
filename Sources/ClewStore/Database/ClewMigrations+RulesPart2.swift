import ClewServices
import GRDB

extension ClewMigrations {
    /// v17 (issue 17): the process of the seed documents, part 2.
    ///
    /// - `opportunity` is rebuilt so that it can exist before the win (转换线索, seed 003): a
    ///   `status` (open, won, lost), `won_at` and `amount_fen` empty while open (the expected
    ///   amount, when known), `closed_at` for a loss. Every existing row is a won opportunity.
    /// - `lead.converted_at`: when the rep converted the lead (its customer is `lead.customer_id`).
    /// - `user.role` accepts `legal` (法务): the table is rebuilt with the wider CHECK, every
    ///   column, index and trigger kept as they are.
    /// - `lead.captured_at`: when a lead registered later was captured (`lead add --captured-at`).
    /// - `user_channel`: where a user's reminders also go (email, SMS) and the addresses.
    static func addRulesPart2(_ db: Database) throws {
        try rebuildUserTableAcceptingLegal(db)
        try db.execute(sql: """
            CREATE TABLE user_channel (
              login       TEXT PRIMARY KEY NOT NULL REFERENCES user(login),
              email       TEXT,
              mobile      TEXT,
              reminders   TEXT NOT NULL DEFAULT '',
              version     INTEGER NOT NULL DEFAULT 1
            );
            """)
        try db.execute(sql: """
            CREATE TABLE opportunity_v17 (
              id           INTEGER PRIMARY KEY,
              customer_id  INTEGER NOT NULL REFERENCES customer(id),
              lead_id      INTEGER NOT NULL UNIQUE REFERENCES lead(id),
              title        TEXT NOT NULL,
              amount_fen   INTEGER,
              owner        TEXT,
              status       TEXT NOT NULL DEFAULT 'won' CHECK (status IN ('open','won','lost')),
              won_at       REAL,
              closed_at    REAL,
              created_at   REAL NOT NULL,
              version      INTEGER NOT NULL DEFAULT 1,
              CHECK ((status = 'won') = (won_at IS NOT NULL AND amount_fen IS NOT NULL))
            );
            INSERT INTO opportunity_v17 (id, customer_id, lead_id, title, amount_fen, owner, status, won_at, closed_at, created_at, version)
              SELECT id, customer_id, lead_id, title, amount_fen, owner, 'won', won_at, won_at, created_at, version FROM opportunity;
            DROP TABLE opportunity;
            ALTER TABLE opportunity_v17 RENAME TO opportunity;
            CREATE INDEX opportunity_won_at ON opportunity(won_at);
            CREATE INDEX opportunity_open ON opportunity(owner) WHERE status = 'open';
            ALTER TABLE lead ADD COLUMN converted_at REAL;
            ALTER TABLE lead ADD COLUMN captured_at REAL;
            """)
        // The report summaries' change counter watched the old table (v14); the new one is watched the same way.
        for event in ["INSERT", "DELETE", "UPDATE"] {
            try db.execute(sql: """
                CREATE TRIGGER report_version_opportunity_\(event.lowercased()) AFTER \(event) ON opportunity
                BEGIN UPDATE report_summary_state SET version = version + 1 WHERE id = 1; END
                """)
        }
    }

    /// The user table with `legal` among the roles: its own CREATE statement with the wider
    /// CHECK, the rows copied, its indexes and triggers created again.
    private static func rebuildUserTableAcceptingLegal(_ db: Database) throws {
        let roles = "'admin','supervisor','rep','marketing','finance','support'"
        guard let create = try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'user'"),
              create.contains(roles) else { throw StoreError.storageFailed("v17: the user table's role CHECK is not the one expected") }
        let dependents = try String.fetchAll(db, sql: "SELECT sql FROM sqlite_master WHERE tbl_name = 'user' AND type IN ('index', 'trigger') AND sql IS NOT NULL")
        let rebuilt = create.replacingOccurrences(of: roles, with: roles + ",'legal'")
            .replacingOccurrences(of: "CREATE TABLE user (", with: "CREATE TABLE user_v17 (")
        try db.execute(sql: rebuilt)
        try db.execute(sql: "INSERT INTO user_v17 SELECT * FROM user; DROP TABLE user; ALTER TABLE user_v17 RENAME TO user;")
        for sql in dependents { try db.execute(sql: sql) }
    }
}
