import ClewServices
import GRDB

extension ClewMigrations {
    /// v15 (issue 9): manual tags as records — who put which tag on a lead, and when.
    ///
    /// `lead.tags` stays the set every filter, search and rule reads (keyword tags included);
    /// a `lead_tag` row is the history of a tag a person put on. Removing a tag keeps its row,
    /// marked removed, so nothing is lost and re-adding it is one audited change.
    static func createLeadTags(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE lead_tag (
              id          INTEGER PRIMARY KEY,
              lead_id     INTEGER NOT NULL REFERENCES lead(id),
              tag         TEXT NOT NULL,
              added_by    TEXT NOT NULL,
              added_at    REAL NOT NULL,
              removed_by  TEXT,
              removed_at  REAL,
              version     INTEGER NOT NULL DEFAULT 1,
              UNIQUE (lead_id, tag)
            );
            CREATE INDEX lead_tag_tag ON lead_tag(tag) WHERE removed_at IS NULL;
            """)
    }
}
