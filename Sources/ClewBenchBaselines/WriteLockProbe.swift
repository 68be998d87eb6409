import Foundation
import GRDB

/// Measures, from outside, how long a writer waits for the database's write lock while other
/// processes work (issue 12 §6): every `interval` it takes the lock with `BEGIN IMMEDIATE` on its
/// own connection (retrying every 4 ms, as Clew's connections do, for up to 60 s), notes how long that took, and commits at once. The longest
/// wait is at least the longest time anyone held the lock while a writer waited.
///
/// ```swift
/// let probe = try WriteLockProbe(path: database.path)
/// probe.start()
/// … run the load …
/// let waits = probe.stop()   // milliseconds, one per attempt
/// ```
public final class WriteLockProbe: @unchecked Sendable {
    private let queue: DatabaseQueue
    private let interval: TimeInterval
    private let lock = NSLock()
    private var waits: [Double] = []
    private var failures: [String] = []
    private var running = false
    private let done = DispatchSemaphore(value: 0)

    public init(path: String, interval: TimeInterval = 0.1) throws {
        var configuration = Configuration()
        // Waits as Clew's own connections do: a try every 4 ms, here for up to 60 s.
        configuration.busyMode = .callback { tries in
            guard tries < 15_000 else { return false }
            usleep(4_000)
            return true
        }
        queue = try DatabaseQueue(path: path, configuration: configuration)
        self.interval = interval
    }

    /// Starts probing on a thread of its own.
    public func start() {
        lock.withLock { running = true }
        Thread.detachNewThread { [self] in
            while lock.withLock({ running }) {
                let clock = ContinuousClock()
                let start = clock.now
                do {
                    try queue.writeWithoutTransaction { db in
                        try db.execute(sql: "BEGIN IMMEDIATE")
                        let waited = clock.now - start
                        try db.execute(sql: "COMMIT")
                        let (seconds, attoseconds) = waited.components
                        lock.withLock { waits.append(Double(seconds) * 1_000 + Double(attoseconds) / 1e15) }
                    }
                } catch {
                    lock.withLock { failures.append("\(error)") }
                }
                Thread.sleep(forTimeInterval: interval)
            }
            done.signal()
        }
    }

    /// Stops probing; the waits in milliseconds, and the errors of attempts that failed.
    public func stop() -> (waits: [Double], failures: [String]) {
        lock.withLock { running = false }
        done.wait()
        return lock.withLock { (waits, failures) }
    }

    /// How many leads have a phone key starting with `prefix` (`+86159`…): what the writers added.
    public func leads(withPhoneKeyPrefix prefix: String) throws -> Int {
        try queue.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM lead WHERE phone_key >= ? AND phone_key < ?",
                             arguments: [prefix, prefix + "\u{FFFF}"]) ?? 0
        }
    }
}
