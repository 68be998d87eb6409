import Foundation

/// The source of "now" for every rule that depends on time.
///
/// Production code uses ``SystemWallClock``; tests use ``FixedWallClock`` and move it forward, so
/// SLA timers, lead numbers and due dates are deterministic. (Named `WallClock` so it does not
/// shadow the standard library's `Clock` protocol.)
public protocol WallClock: Sendable {
    /// The current instant.
    func now() -> Date
}

/// The real time of the machine.
public struct SystemWallClock: WallClock {
    public init() {}
    public func now() -> Date { Date() }
}

/// A clock that says what it is told: for tests and for `--as-of` runs.
public final class FixedWallClock: WallClock, @unchecked Sendable {
    private var current: Date
    private let lock = NSLock()

    /// Creates a clock stopped at `date`.
    public init(_ date: Date) { current = date }

    public func now() -> Date { lock.withLock { current } }

    /// Moves the clock to `date`.
    public func set(_ date: Date) { lock.withLock { current = date } }

    /// Moves the clock forward by `interval` seconds.
    public func advance(by interval: TimeInterval) { lock.withLock { current += interval } }
}
