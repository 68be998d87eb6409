import Foundation
import GRDB

/// The shared SQLite database: one file in WAL mode that many `clew` processes use at once.
///
/// Opening applies the connection settings every process must share (busy timeout, foreign keys,
/// `synchronous=NORMAL`, the search function) and runs pending migrations.
///
/// Opening never waits for another process's write: when the schema is current, the database
/// is opened for reading and the connection that writes is opened at the first write (opening
/// it may itself have to write, to recreate the write-ahead log). So `clew lead list` answers
/// while an import holds the write lock, and every SQLite failure reaches the user as a
/// ``StoreError`` saying what to do.
///
/// ```swift
/// let database = try ClewDatabase(path: "/srv/clew/clew.db")
/// ```
public final class ClewDatabase: @unchecked Sendable {
    /// The file path.
    public let path: String
    /// Reads (snapshots that never take the write lock).
    private let readers: DatabasePool
    /// The pool that writes, opened at the first write unless opening found it needed.
    private var writable: DatabasePool?
    private let lock = NSLock()

    /// How long a writer waits for another process's transaction before giving up.
    public static let busyTimeout: TimeInterval = 15

    /// Opens (and creates, when `create` is true) the database at `path`, migrating it to the
    /// current schema.
    ///
    /// - Throws: ``StoreError/databaseMissing(_:)`` when the file does not exist and `create` is
    ///   false; ``StoreError/databaseNewerThanClew(_:)`` when another Clew version migrated it
    ///   further than this one knows; ``StoreError/busy``, ``StoreError/corrupt`` and the other
    ///   storage errors instead of raw SQLite ones.
    public init(path: String, create: Bool = false) throws {
        let fileManager = FileManager.default
        let exists = fileManager.fileExists(atPath: path)
        if !exists {
            guard create else { throw StoreError.databaseMissing(path) }
            let directory = (path as NSString).deletingLastPathComponent
            if !directory.isEmpty {
                try fileManager.createDirectory(atPath: directory, withIntermediateDirectories: true)
            }
        }
        self.path = path
        do {
            if exists {
                let readers = try DatabasePool(path: path, configuration: Self.configuration(readonly: true))
                self.readers = readers
                let migrator = ClewMigrations.migrator
                let applied = try readers.read { try migrator.appliedIdentifiers($0) }
                if !applied.subtracting(migrator.migrations).isEmpty { throw StoreError.databaseNewerThanClew(path) }
                if try !readers.read({ try migrator.hasCompletedMigrations($0) }) { try migrator.migrate(try writer()) }
            } else {
                let pool = try DatabasePool(path: path, configuration: Self.configuration())
                writable = pool
                readers = pool
                try ClewMigrations.migrator.migrate(pool)
            }
        } catch let error as DatabaseError {
            throw StoreError(error)
        }
    }

    /// The pool that writes, opened on first use.
    private func writer() throws -> DatabasePool {
        try lock.withLock {
            if let writable { return writable }
            let pool = try DatabasePool(path: path, configuration: Self.configuration())
            writable = pool
            return pool
        }
    }

    /// The writing pool, for the store's bulk paths (imports, backups) that manage their own
    /// transactions.
    var pool: DatabasePool {
        get throws {
            do { return try writer() } catch let error as DatabaseError { throw StoreError(error) }
        }
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

    /// Runs `body` in one write transaction (IMMEDIATE, so concurrent writers queue instead of
    /// failing half-way), mapping SQLite errors to ``StoreError``.
    func write<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try writer().write(body)
        } catch let error as DatabaseError {
            throw StoreError(error)
        }
    }

    /// Runs `body` in a write transaction that is always rolled back: a rehearsal (`--dry-run`)
    /// that sees its own changes and leaves nothing behind.
    func rehearse<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try writer().writeWithoutTransaction { db in
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
            try writer().writeWithoutTransaction { _ = try $0.checkpoint(.truncate) }
            return nil
        } catch {
            return String(describing: error)
        }
    }

    /// Runs `body` on a read-only snapshot.
    func read<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try readers.read(body)
        } catch let error as DatabaseError {
            throw StoreError(error)
        }
    }

    /// Closes every connection. Further use throws.
    public func close() throws {
        do {
            let writing = lock.withLock { writable }
            try writing?.close()
            if writing !== readers { try readers.close() }
        } catch let error as DatabaseError {
            throw StoreError(error)
        }
    }
}
