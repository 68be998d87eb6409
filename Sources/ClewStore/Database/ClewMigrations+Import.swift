import ClewServices
import GRDB

// MARK: - v4: import history

extension ClewMigrations {
    /// Import history (issue 5): one `import` row per `clew import`, the leads each import
    /// created or merged into (`import_lead`, which `clew import undo` reads), and the custom
    /// fields an import kept from columns Clew has no field for (`lead_extra`).
    ///
    /// `import_lead.lead_id` deliberately has no foreign key: an undone import keeps its rows
    /// (with `purged_at` set) after the leads themselves are deleted, so the history stays whole.
    static func createImports(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE import (
              id           INTEGER PRIMARY KEY,
              file         TEXT NOT NULL,
              format       TEXT NOT NULL,
              encoding     TEXT,
              sheet        TEXT,
              rows         INTEGER NOT NULL DEFAULT 0,
              inserted     INTEGER NOT NULL DEFAULT 0,
              merged       INTEGER NOT NULL DEFAULT 0,
              unchanged    INTEGER NOT NULL DEFAULT 0,
              rejected     INTEGER NOT NULL DEFAULT 0,
              flagged      INTEGER NOT NULL DEFAULT 0,
              actor        TEXT NOT NULL,
              via          TEXT,
              started_at   REAL NOT NULL,
              finished_at  REAL,
              status       TEXT NOT NULL DEFAULT 'running' CHECK (status IN ('running','done','undone','partly-undone')),
              undone_at    REAL,
              undone_by    TEXT
            );
            CREATE INDEX import_started ON import(started_at);

            CREATE TABLE import_lead (
              import_id     INTEGER NOT NULL REFERENCES import(id),
              lead_id       INTEGER NOT NULL,
              row           INTEGER NOT NULL,
              action        TEXT NOT NULL CHECK (action IN ('insert','merge')),
              lead_version  INTEGER,
              notes         INTEGER,
              purged_at     REAL,
              PRIMARY KEY (import_id, lead_id)
            ) WITHOUT ROWID;
            CREATE INDEX import_lead_lead ON import_lead(lead_id);

            CREATE TABLE lead_extra (
              id         INTEGER PRIMARY KEY,
              lead_id    INTEGER NOT NULL REFERENCES lead(id) ON DELETE CASCADE,
              name       TEXT NOT NULL,
              value      TEXT NOT NULL,
              import_id  INTEGER REFERENCES import(id)
            );
            CREATE INDEX lead_extra_lead ON lead_extra(lead_id);
            """)
    }
}
