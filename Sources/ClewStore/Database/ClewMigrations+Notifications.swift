import ClewServices
import GRDB

extension ClewMigrations {
    /// v9: a notification keeps its parameters (a JSON array of strings) beside the English
    /// body, so the TUI can write it in the reader's language from its kind; rows without
    /// parameters (older ones) are shown by their body.
    static func addNotificationParameters(_ db: Database) throws {
        try db.execute(sql: "ALTER TABLE notification ADD COLUMN params TEXT")
    }
}
