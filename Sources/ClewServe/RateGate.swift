import ClewDomain
import Foundation

/// The server's one ``ClewDomain/IntakeRateLimiter``, shared by every connection.
final class RateGate: @unchecked Sendable {
    private let lock = NSLock()
    private var limiter = IntakeRateLimiter()
    private let clock: any WallClock

    init(clock: any WallClock) { self.clock = clock }

    func admit(_ token: IntakeToken) -> IntakeRateLimiter.Admission {
        let now = clock.now()
        return lock.withLock { limiter.admit(token: token.id, perMinute: token.ratePerMinute, at: now) }
    }
}
