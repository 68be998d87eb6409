import ClewServices
import GRDB

extension ClewMigrations {
    /// v13 (issue 18): the intake server's tables.
    ///
    /// - `intake_token`: the tokens web forms and platforms post with — the secret's SHA-256 only,
    ///   its source, campaign, rate and whether it is public; revoked tokens stay (audit names them).
    /// - `intake_request`: the answers kept for `Idempotency-Key`s (per token), so a retried post
    ///   gets the first answer instead of a second lead; `state` is `pending` while the first
    ///   post runs.
    /// - `lead_consent`: the consent a form recorded with a lead (and the privacy text's version).
    static func createIntake(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE intake_token (
              id INTEGER PRIMARY KEY,
              prefix TEXT NOT NULL,
              secret_hash TEXT NOT NULL UNIQUE,
              source TEXT NOT NULL,
              campaign TEXT,
              rate_per_minute INTEGER NOT NULL,
              public INTEGER NOT NULL DEFAULT 0,
              created_by TEXT NOT NULL,
              created_at REAL NOT NULL,
              revoked_at REAL,
              revoked_by TEXT
            );
            CREATE TABLE intake_request (
              token_id INTEGER NOT NULL REFERENCES intake_token(id),
              idempotency_key TEXT NOT NULL,
              fingerprint TEXT NOT NULL,
              state TEXT NOT NULL CHECK (state IN ('pending', 'done')),
              status INTEGER,
              body TEXT,
              location TEXT,
              created_at REAL NOT NULL,
              PRIMARY KEY (token_id, idempotency_key)
            ) WITHOUT ROWID;
            CREATE INDEX intake_request_created ON intake_request(created_at);
            CREATE TABLE lead_consent (
              id INTEGER PRIMARY KEY,
              lead_id INTEGER NOT NULL REFERENCES lead(id),
              token_id INTEGER NOT NULL REFERENCES intake_token(id),
              consent INTEGER NOT NULL,
              privacy_version TEXT,
              at REAL NOT NULL
            );
            CREATE INDEX lead_consent_lead ON lead_consent(lead_id);
            """)
    }
}
