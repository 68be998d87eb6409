import ClewServices
import Foundation
import GRDB
import GRDBSQLite
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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
    /// A team database (group-writable): its connections keep the `-wal` and `-shm` files.
    let shared: Bool

    /// How long a writer waits for another process's transaction before giving up.
    public static let busyTimeout: TimeInterval = 15

    /// The mode of a personal database (and so of its `-wal` and `-shm`, which SQLite gives the
    /// database file's permission bits): readable by its owner only.
    public static let personalFileMode: mode_t = 0o600
    /// The mode of a team database: the owner and the private group of a shared install.
    public static let sharedFileMode: mode_t = 0o660

    /// Opens (and creates, when `create` is true) the database at `path`, migrating it to the
    /// current schema. A new file is created with exactly `fileMode`, whatever the umask (a new
    /// directory for it 0700 — 2770 for a team is made by `clew install --shared`).
    ///
    /// - Throws: ``StoreError/databaseMissing(_:)`` when the file does not exist and `create` is
    ///   false; ``StoreError/databaseNewerThanClew(_:)`` when another Clew version migrated it
    ///   further than this one knows; ``StoreError/notAClewDatabase(_:)`` when the file holds
    ///   another program's tables; ``StoreError/busy``, ``StoreError/corrupt`` and the other
    ///   storage errors instead of raw SQLite ones.
    public init(path: String, create: Bool = false, fileMode: mode_t = ClewDatabase.personalFileMode) throws {
        let fileManager = FileManager.default
        let exists = fileManager.fileExists(atPath: path)
        if !exists {
            guard create else { throw StoreError.databaseMissing(path) }
            let directory = (path as NSString).deletingLastPathComponent
            if !directory.isEmpty && !fileManager.fileExists(atPath: directory) {
                try fileManager.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
            }
            try Self.createEmptyFile(path, mode: fileMode)
        }
        self.path = path
        // A shared (group-writable) database keeps its sidecars: a team install creates them
        // root-owned once, and no user's process ever creates (and so owns) one.
        shared = DatabaseFiles.Status.of(path).map { $0.mode & 0o020 != 0 } ?? false
        do {
            if exists {
                let readers = try DatabasePool(path: path, configuration: Self.configuration(readonly: true, keepingSidecars: shared))
                self.readers = readers
                let migrator = ClewMigrations.migrator
                let (applied, tables) = try readers.read { db in
                    (try migrator.appliedIdentifiers(db),
                     try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'") ?? 0)
                }
                // Another program's database: never add Clew's tables to it.
                if tables > 0 && applied.isDisjoint(with: migrator.migrations) { throw StoreError.notAClewDatabase(path) }
                if !applied.subtracting(migrator.migrations).isEmpty { throw StoreError.databaseNewerThanClew(path) }
                if try !readers.read({ try migrator.hasCompletedMigrations($0) }) { try migrator.migrate(try writer()) }
            } else {
                let pool = try DatabasePool(path: path, configuration: Self.configuration(keepingSidecars: shared))
                writable = pool
                readers = pool
                try ClewMigrations.migrator.migrate(pool)
            }
        } catch let error as DatabaseError {
            throw StoreError(error)
        }
    }

    /// A connection that never commits, for the ``ChangeFeed`` (SQLite's `data_version` moves
    /// on a connection only for other connections' commits): the read-only pool's own writer
    /// connection, which the pool opens anyway and nothing else uses — so a feed costs no
    /// connection of its own (each new connection parses the whole schema, ~5–10 ms at start-up).
    /// Nil when this process created the database (its pool writes).
    var idleConnection: DatabasePool? { readers === writable ? nil : readers }

    /// The pool that writes, opened on first use.
    private func writer() throws -> DatabasePool {
        try lock.withLock {
            if let writable { return writable }
            let pool = try DatabasePool(path: path, configuration: Self.configuration(keepingSidecars: shared))
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

    static func configuration(readonly: Bool = false, keepingSidecars: Bool = false) -> Configuration {
        var config = Configuration()
        config.readonly = readonly
        config.foreignKeysEnabled = true
        // Waiting for the lock, try again every few milliseconds, more often the longer the wait
        // (``BusyWait``). SQLite's own timeout backs off to 100 ms sleeps, so a writer waiting
        // behind an import's chunks kept missing the gaps between them: 50 writers during an
        // import starved for over 15 s.
        config.busyMode = .callback { tries in BusyWait.handle(tries: tries, timeout: busyTimeout) }
        config.label = "clew"
        config.prepareDatabase { db in
            db.add(function: SearchText.sqlFunction)
            StatementTrace.install(on: db)
            if keepingSidecars {
                // SQLITE_FCNTL_PERSIST_WAL: the last connection to close keeps -wal and -shm.
                var persist: Int32 = 1
                _ = sqlite3_file_control(db.sqliteConnection, nil, SQLITE_FCNTL_PERSIST_WAL, &persist)
                try db.execute(sql: "PRAGMA journal_size_limit = 1048576")
            }
            if !db.configuration.readonly {
                try db.execute(sql: "PRAGMA synchronous = NORMAL")
            }
        }
        return config
    }

    /// Creates `path` empty with exactly `mode` (`O_EXCL`, so an existing file or a planted
    /// symlink is never followed); SQLite then initialises the empty file as a new database.
    static func createEmptyFile(_ path: String, mode: mode_t) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode)
        guard fd >= 0 else {
            throw StoreError.cannotCreate(path: path, reason: String(cString: strerror(errno)))
        }
        defer { closeDescriptor(fd) }
        guard fchmod(fd, mode) == 0 else {
            throw StoreError.cannotCreate(path: path, reason: "cannot set its mode: " + String(cString: strerror(errno)))
        }
    }

    /// Runs `body` in one write transaction (IMMEDIATE, so concurrent writers queue instead of
    /// failing half-way), mapping SQLite errors to ``StoreError``.
    func write<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            guard LockTrace.isOn else { return try writer().write(body) }
            return try Self.traced(writer(), body)
        } catch let error as DatabaseError {
            throw StoreError(error)
        }
    }

    /// Runs `body` in a write transaction that takes the write lock only at its first write
    /// (DEFERRED), for work that usually finds nothing to change: the tick's timers, which at
    /// a million leads read for about a second to find that nothing is due. Until `body` writes,
    /// it reads from a snapshot and nobody waits on it.
    ///
    /// When another process committed after that snapshot, SQLite refuses the upgrade to a
    /// writer (`SQLITE_BUSY`, without waiting): the transaction is rolled back and `body` runs
    /// again in an IMMEDIATE transaction, which queues for the lock as ``write(_:)`` does. So
    /// what `body` read is always what it writes over, as in ``write(_:)``, and `body` must be
    /// safe to run twice (it runs inside one transaction each time, so a rolled-back run leaves
    /// nothing behind).
    func writeWhenNeeded<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try writer().writeWithoutTransaction { db in
                let before = db.totalChangesCount
                let began = ContinuousClock.now
                var result: T?
                try db.inTransaction(.deferred) {
                    result = try body(db)
                    return .commit
                }
                // Traced only when it wrote (it took the lock at its first write, which is not
                // known here): held from its start to the commit, an upper bound; no wait.
                if LockTrace.isOn, db.totalChangesCount > before { LockTrace.record(wait: .zero, hold: ContinuousClock.now - began) }
                guard let result else { throw StoreError.storageFailed("the transaction produced nothing") }
                return result
            }
        } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY {
            return try write(body)
        } catch StoreError.busy {
            return try write(body)
        } catch let error as DatabaseError {
            throw StoreError(error)
        }
    }

    /// A write whose wait for the lock and hold of it go to the ``LockTrace``.
    private static func traced<T>(_ pool: DatabasePool, _ body: (Database) throws -> T) throws -> T {
        let clock = ContinuousClock()
        let called = clock.now
        var locked: ContinuousClock.Instant?
        defer {
            let end = clock.now
            if let locked { LockTrace.record(wait: locked - called, hold: end - locked) }
        }
        return try pool.write { db in
            // The transaction (IMMEDIATE) has begun: the lock is ours from here to the commit.
            locked = clock.now
            return try body(db)
        }
    }

    /// Runs `body` in a write transaction that is always rolled back: a rehearsal (`--dry-run`)
    /// that sees its own changes and leaves nothing behind.
    func rehearse<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try writer().writeWithoutTransaction { try Self.rollingBack($0, body) }
        } catch let error as DatabaseError {
            throw StoreError(error)
        }
    }

    /// A rehearsal that nobody waits on (issue 12 §1): the database is copied from a read snapshot
    /// with SQLite's backup API into a private temporary file (mode 0600, removed afterwards), and
    /// `body` runs there in a transaction that is rolled back. No write lock is taken on the
    /// database itself, however long `body` takes (a `clew tick --dry-run` catching up on days).
    func rehearseOnCopy<T>(_ body: (Database) throws -> T) throws -> T {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("clew-rehearsal-\(UUID().uuidString)")
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        } catch {
            throw StoreError.cannotCreate(path: directory.path, reason: error.localizedDescription)
        }
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("copy.db").path
        try Self.createEmptyFile(path, mode: Self.personalFileMode)
        do {
            let copy = try DatabaseQueue(path: path, configuration: Self.configuration())
            defer { try? copy.close() }
            try readers.backup(to: copy)
            return try copy.writeWithoutTransaction { try Self.rollingBack($0, body) }
        } catch let error as DatabaseError {
            throw StoreError(error)
        }
    }

    /// `body` in an immediate transaction that is rolled back, and its result.
    private static func rollingBack<T>(_ db: Database, _ body: (Database) throws -> T) throws -> T {
        var result: T?
        try db.inTransaction(.immediate) {
            result = try body(db)
            return .rollback
        }
        guard let result else { throw StoreError.storageFailed("the rehearsal produced nothing") }
        return result
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

    /// Makes this process's commits wait for the disk (`PRAGMA synchronous = FULL` on its writing
    /// connection): a committed transaction then survives a power cut too, not only a crash of
    /// any process (WAL with `synchronous = NORMAL`, every Clew process's default). Each commit
    /// costs one fsync of the write-ahead log; `clew-serve --durable` uses it (its group commit
    /// shares that fsync among the posts of a batch).
    public func syncEveryCommit() throws {
        do {
            try writer().writeWithoutTransaction { try $0.execute(sql: "PRAGMA synchronous = FULL") }
        } catch let error as DatabaseError {
            throw StoreError(error)
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

/// `close(2)` (the name is taken inside ``ClewDatabase`` by ``ClewDatabase/close()``).
func closeDescriptor(_ fd: Int32) { _ = close(fd) }
