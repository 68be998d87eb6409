import ClewServices
import GRDB

// MARK: - v5: process definition

extension ClewMigrations {
    /// Applied process definitions (issue 4): one row per `clew process apply`, the file's text
    /// as applied. The highest version is the one in force; none means the standard process.
    static func createProcessDefinition(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE process_definition (
              version     INTEGER PRIMARY KEY NOT NULL,
              text        TEXT NOT NULL,
              applied_by  TEXT NOT NULL,
              applied_at  REAL NOT NULL
            );
            """)
    }
}
