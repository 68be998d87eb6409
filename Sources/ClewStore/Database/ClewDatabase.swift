import Foundation
import GRDB

/// The shared SQLite database: one file in WAL mode that many `clew` processes use at once.
///
/// Opening applies the connection settings every process must share (busy timeout, foreign keys,
/// `synchronous=NORMAL`, the search function) and runs pending migrations.
///
/// ```swift
/// let database = try ClewDatabase(path: "/srv/clew/clew.db")
/// ```
public final class ClewDatabase: Sendable {
    /// The file path.
    public let path: String
    let pool: DatabasePool

    /// How long a writer waits for another process's transaction before giving up.
    public static let busyTimeout: TimeInterval = 15

    /// Opens (and creates, when `create` is true) the database at `path`, migrating it to the
    /// current schema.
    ///
    /// - Throws: ``StoreError/databaseMissing(_:)`` when the file does not exist and `create` is
    ///   false; ``StoreError/databaseNewerThanClew(_:)`` when another Clew version migrated it
    ///   further than this one knows.
    public init(path: String, create: Bool = false) throws {
        let fileManager = FileManager.default
        if !fileManager.fileExists(atPath: path) {
            guard create else { throw StoreError.databaseMissing(path) }
            let directory = (path as NSString).deletingLastPathComponent
            if !directory.isEmpty {
                try fileManager.createDirectory(atPath: directory, withIntermediateDirectories: true)
            }
        }
        self.path = path
        pool = try DatabasePool(path: path, configuration: Self.configuration())
        try migrate()
    }

    static func configuration(readonly: Bool = false) -> Configuration {
        var config = Configuration()
        config.readonly = readonly
        config.foreignKeysEnabled = true
        config.busyMode = .timeout(busyTimeout)
        config.label = "clew"
        config.prepareDatabase { db in
            db.add(function: SearchText.sqlFunction)
            if !db.configuration.readonly {
                try db.execute(sql: "PRAGMA synchronous = NORMAL")
            }
        }
        return config
    }

    private func migrate() throws {
        let migrator = ClewMigrations.migrator
        let applied = try pool.read { try migrator.appliedIdentifiers($0) }
        let unknown = applied.subtracting(migrator.migrations)
        if !unknown.isEmpty { throw StoreError.databaseNewerThanClew(path) }
        if try pool.read({ try migrator.hasCompletedMigrations($0) }) { return }
        try migrator.migrate(pool)
    }

    /// Runs `body` in one write transaction (IMMEDIATE, so concurrent writers queue instead of
    /// failing half-way), mapping SQLite errors to ``StoreError``.
    func write<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try pool.write(body)
        } catch let error as DatabaseError {
            throw StoreError(error)
        }
    }

    /// Runs `body` in a write transaction that is always rolled back: a rehearsal (`--dry-run`)
    /// that sees its own changes and leaves nothing behind.
    func rehearse<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try pool.writeWithoutTransaction { db in
                var result: T?
                try db.inTransaction(.immediate) {
                    result = try body(db)
                    return .rollback
                }
                guard let result else { throw StoreError.conflict("the rehearsal produced nothing") }
                return result
            }
        } catch let error as DatabaseError {
            throw StoreError(error)
        }
    }

    /// Copies the write-ahead log back into the database and truncates it, when no reader is in
    /// the way (best effort: a busy database is left for SQLite's automatic checkpoints). After
    /// a large write this keeps every process's WAL index, and so its memory, small.
    /// - Returns: why it could not, or nil when it did.
    @discardableResult
    public func checkpoint() -> String? {
        do {
            try pool.writeWithoutTransaction { _ = try $0.checkpoint(.truncate) }
            return nil
        } catch {
            return String(describing: error)
        }
    }

    /// Runs `body` on a read-only snapshot.
    func read<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try pool.read(body)
        } catch let error as DatabaseError {
            throw StoreError(error)
        }
    }

    /// Closes every connection. Further use throws.
    public func close() throws { try pool.close() }
}
