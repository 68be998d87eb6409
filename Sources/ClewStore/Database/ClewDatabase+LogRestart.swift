import ClewServices
import Foundation
import GRDB

extension ClewDatabase {
    /// A write-ahead log larger than this is copied back and restarted after a long job's
    /// transaction (``restartLogIfLarge()``).
    static let logRestartBytes: Int64 = 64 << 20
    /// How long ``restartLogIfLarge()`` waits for readers and writers before leaving it for later.
    static let logRestartWait: TimeInterval = 0.25

    /// After one transaction of a long job (an import's), keeps the write-ahead log from growing
    /// without bound while others work.
    ///
    /// SQLite's automatic checkpoints copy the log back into the database but can restart it from
    /// its beginning only at a moment when no reader is using it. With many processes each
    /// opening and reading (fifty writers during an import) that moment never comes: a
    /// million-row import grew the log past 3 GB, and every reader's page lookups in the log's
    /// index slowed with its length. When the log file has passed ``logRestartBytes`` this runs
    /// `wal_checkpoint(TRUNCATE)` (a restart that also empties the file, so its size says when to
    /// do it again) on a connection of its own that waits at most
    /// ``logRestartWait`` — long enough for the short reads and writes in the way to finish, short
    /// enough that writers it holds back (a restart blocks new writers while it waits) hardly
    /// notice. When it cannot, the next transaction's call tries again.
    /// - Parameter limit: the size past which the log is restarted.
    /// - Returns: whether the log was restarted.
    @discardableResult
    func restartLogIfLarge(over limit: Int64 = ClewDatabase.logRestartBytes) -> Bool {
        var status = stat()
        guard stat(path + "-wal", &status) == 0, Int64(status.st_size) > limit else { return false }
        do {
            var configuration = Self.configuration(keepingSidecars: shared)
            configuration.busyMode = .timeout(Self.logRestartWait)
            let connection = try DatabaseQueue(path: path, configuration: configuration)
            defer { try? connection.close() }
            return try connection.writeWithoutTransaction { db in
                // (busy, log frames, checkpointed frames): busy 0 means the log was emptied and starts over.
                let row = try Row.fetchOne(db, sql: "PRAGMA wal_checkpoint(TRUNCATE)")
                return (row?[0] as Int?) == 0
            }
        } catch {
            return false
        }
    }
}
