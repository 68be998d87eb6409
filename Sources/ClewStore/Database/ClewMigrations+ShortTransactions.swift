import ClewServices
import GRDB

// MARK: - v10: leases that name their process, resumable imports

extension ClewMigrations {
    /// Issue 12: a lease names the process holding it (host, pid, start time) and whether it
    /// runs as an admin, so a crashed holder is taken over at once and a rep's tick never keeps
    /// an admin's waiting. An import commits in chunks: `resume_row` is the last row of the file
    /// committed, `runner` the process importing, `path`/`file_size`/`options` what
    /// `clew import --resume` needs to continue it, `rejects_bytes` how much of the rejects file
    /// belongs to committed rows.
    static func addProcessIdentities(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE lease ADD COLUMN host TEXT;
            ALTER TABLE lease ADD COLUMN pid INTEGER;
            ALTER TABLE lease ADD COLUMN process_start INTEGER;
            ALTER TABLE lease ADD COLUMN admin INTEGER NOT NULL DEFAULT 0;

            ALTER TABLE import ADD COLUMN path TEXT;
            ALTER TABLE import ADD COLUMN file_size INTEGER;
            ALTER TABLE import ADD COLUMN options TEXT;
            ALTER TABLE import ADD COLUMN resume_row INTEGER NOT NULL DEFAULT 0;
            ALTER TABLE import ADD COLUMN runner_host TEXT;
            ALTER TABLE import ADD COLUMN runner_pid INTEGER;
            ALTER TABLE import ADD COLUMN runner_start INTEGER;
            ALTER TABLE import ADD COLUMN rejects_path TEXT;
            ALTER TABLE import ADD COLUMN rejects_bytes INTEGER NOT NULL DEFAULT 0;
            CREATE INDEX import_running ON import(status) WHERE status = 'running';
            """)
    }
}
