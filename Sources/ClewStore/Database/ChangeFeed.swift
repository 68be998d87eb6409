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
    let connection: DatabaseQueue
    private let lock = NSLock()
    private var lastVersion: Int

    /// Opens the feed's connection on `database`'s file.
    public init(database: ClewDatabase) throws {
        var config = ClewDatabase.configuration(readonly: true)
        config.label = "clew.change-feed"
        connection = try DatabaseQueue(path: database.path, configuration: config)
        lastVersion = try connection.read { try Int.fetchOne($0, sql: "PRAGMA data_version") ?? 0 }
    }

    /// True when something was committed since the previous call (or since the feed opened).
    public func poll() throws -> Bool {
        let version = try connection.read { try Int.fetchOne($0, sql: "PRAGMA data_version") ?? 0 }
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
