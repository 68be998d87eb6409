import ClewServices
import GRDB

extension ClewMigrations {
    /// v12: one versioned, audited write path for every record.
    ///
    /// - Each audit row names the record version its change produced, so an edit conflicts only
    ///   when a field it changes was changed after the editor's version (per-field optimistic
    ///   concurrency); rows written before this migration have none and never conflict.
    /// - Approvals, outbox messages, customers, contacts and opportunities get the version
    ///   column the other records already had.
    /// - Lead flags get their one spelling (``ClewDomain/LeadFlag``): `invalid_email` and
    ///   `invalid_phone` become `invalid-email` and `invalid-phone`.
    static func addRecordVersions(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE audit ADD COLUMN version INTEGER;
            ALTER TABLE approval ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
            ALTER TABLE outbox ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
            ALTER TABLE customer ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
            ALTER TABLE contact ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
            ALTER TABLE opportunity ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
            UPDATE lead SET flags = replace(replace(flags, ',invalid_email,', ',invalid-email,'), ',invalid_phone,', ',invalid-phone,')
              WHERE flags LIKE '%invalid%';
            """)
    }
}
