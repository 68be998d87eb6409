import ClewServices
import Foundation
import GRDB

/// Tells a process when the database changed, whoever changed it.
///
/// SQLite's `PRAGMA data_version` changes on a connection whenever *another* connection commits.
/// The feed keeps one dedicated read-only connection, so every commit — by other users'
/// processes and by this process's own pool alike — shows up as a new version. View models poll
/// ``poll()`` (cheap: one pragma) or iterate ``changes(every:)`` and reload what they show.
///
/// ```swift
/// let feed = try ChangeFeed(database: database)
/// for await _ in feed.changes(every: .milliseconds(500)) { try viewModel.reload() }
/// ```
public final class ChangeFeed: @unchecked Sendable {
    /// Where the feed reads: a connection of its own, or the database's idle one.
    enum Connection {
        case own(DatabaseQueue)
        case idle(DatabasePool)
    }

    let connection: Connection
    private let lock = NSLock()
    private var lastVersion: Int

    /// Opens the feed on `database`'s file: on its idle read-only connection when it has one,
    /// else on a read-only connection of the feed's own.
    public init(database: ClewDatabase) throws {
        if let idle = database.idleConnection {
            connection = .idle(idle)
        } else {
            var config = ClewDatabase.configuration(readonly: true)
            config.label = "clew.change-feed"
            connection = .own(try DatabaseQueue(path: database.path, configuration: config))
        }
        lastVersion = 0
        lastVersion = try read { try Int.fetchOne($0, sql: "PRAGMA data_version") ?? 0 }
    }

    /// Runs `body` in a read transaction on the feed's connection.
    func read<T>(_ body: (Database) throws -> T) throws -> T {
        switch connection {
        case let .own(queue):
            return try queue.read(body)
        case let .idle(pool):
            // The read-only pool's writer connection: never written through, so a deferred
            // transaction on it is a plain snapshot read.
            return try pool.writeWithoutTransaction { db in
                var result: T?
                try db.inTransaction(.deferred) {
                    result = try body(db)
                    return .commit
                }
                guard let result else { throw DatabaseError(resultCode: .SQLITE_MISUSE, message: "the change feed's read returned nothing") }
                return result
            }
        }
    }

    /// True when something was committed since the previous call (or since the feed opened).
    public func poll() throws -> Bool {
        let version = try read { try Int.fetchOne($0, sql: "PRAGMA data_version") ?? 0 }
        return lock.withLock {
            defer { lastVersion = version }
            return version != lastVersion
        }
    }

    /// An endless stream that yields once after each batch of commits, checking every `interval`.
    public func changes(every interval: Duration = .milliseconds(500)) -> AsyncStream<Void> {
        AsyncStream { continuation in
            let task = Task {
                while !Task.isCancelled {
                    try? await Task.sleep(for: interval)
                    if (try? self.poll()) == true { continuation.yield() }
                }
                continuation.finish()
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }
}
