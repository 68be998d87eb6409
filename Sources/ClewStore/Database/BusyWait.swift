import ClewServices
import Foundation

/// How a connection waits for another process's write lock: the schedule of SQLite's busy
/// handler, as ``ClewDatabase`` installs it on every connection.
///
/// SQLite leaves the waiting to the caller: each waiter sleeps, tries again, and whoever tries
/// first after the holder commits gets the lock. With many writers polling alike, a writer that
/// has waited three seconds has no better chance than one that just arrived, so the waits spread
/// out geometrically (in `clew-bench --load`, 50 writers during an import, the p99 wait was over
/// seven times the median). Here a writer that has waited longer tries more often: after five
/// quick tries (2 ms apart, for the common case of a short transaction in the way) every 16 ms,
/// after a quarter of a second every 8 ms, after about a second every 4 ms. A freed lock then
/// tends to go to the longest waiters — close to the first-come order SQLite does not keep,
/// without a queue outside SQLite that a crashed or stopped process could leave blocked — and
/// the waiters together poll no more often than with one interval of 4 ms for all.
///
/// The schedule counts tries, not the clock: the time slept so far, summed from the schedule,
/// decides both the next interval and the ``ClewDatabase/busyTimeout``.
enum BusyWait {
    /// The tiers, in order: `tries` tries `every` apart.
    private static let tiers: [(tries: Int, every: TimeInterval)] = [(5, 0.002), (15, 0.016), (100, 0.008)]
    /// The interval once past every tier.
    private static let fastest: TimeInterval = 0.004

    /// The interval after try number `tries` (0 for the first), and the time slept before it.
    private static func step(_ tries: Int) -> (slept: TimeInterval, every: TimeInterval) {
        var slept: TimeInterval = 0
        var remaining = max(tries, 0)
        for tier in tiers {
            if remaining < tier.tries { return (slept + Double(remaining) * tier.every, tier.every) }
            slept += Double(tier.tries) * tier.every
            remaining -= tier.tries
        }
        return (slept + Double(remaining) * fastest, fastest)
    }

    /// How long a writer has slept before try number `tries` (0 for the first).
    static func slept(beforeTry tries: Int) -> TimeInterval { step(tries).slept }

    /// How long to sleep after try number `tries` failed, or nil to give up (the writer then
    /// fails with "database is busy").
    static func interval(afterTry tries: Int, timeout: TimeInterval) -> TimeInterval? {
        let (slept, every) = step(tries)
        guard slept < timeout else { return nil }
        return min(every, timeout - slept)
    }

    /// SQLite's busy handler: sleeps per the schedule and says whether to try again.
    static func handle(tries: Int, timeout: TimeInterval) -> Bool {
        guard let interval = interval(afterTry: tries, timeout: timeout) else { return false }
        usleep(UInt32(interval * 1_000_000))
        return true
    }
}
