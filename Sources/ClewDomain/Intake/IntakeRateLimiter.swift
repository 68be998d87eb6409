import Foundation

/// The per-token rate limit: a token bucket per token, as full as the token's rate per minute
/// and refilling at that rate, so a burst of a minute's allowance passes and then one post per
/// `60 / rate` seconds.
///
/// A value type with the clock passed in (tests step it); the server keeps one behind a lock.
///
/// ```swift
/// var limiter = IntakeRateLimiter()
/// limiter.admit(token: 3, perMinute: 60, at: now)   // .allowed, 60 times, then .refused(retryAfter: 1)
/// ```
public struct IntakeRateLimiter: Sendable {
    /// The decision for one post.
    public enum Admission: Hashable, Sendable {
        case allowed
        /// Over the rate: retry after this many seconds (`Retry-After`).
        case refused(retryAfter: Int)
    }

    private struct Bucket {
        var tokens: Double
        var updated: Date
    }

    private var buckets: [Int64: Bucket] = [:]
    /// Buckets kept at most (a full bucket carries no state and is dropped first).
    public let maximumTokens: Int

    public init(maximumTokens: Int = 10_000) { self.maximumTokens = maximumTokens }

    /// Takes one post from `token`'s allowance of `perMinute` a minute.
    public mutating func admit(token: Int64, perMinute: Int, at now: Date) -> Admission {
        let capacity = Double(max(1, perMinute))
        let perSecond = capacity / 60
        var bucket = buckets[token] ?? Bucket(tokens: capacity, updated: now)
        let elapsed = max(0, now.timeIntervalSince(bucket.updated))
        bucket.tokens = min(capacity, bucket.tokens + elapsed * perSecond)
        bucket.updated = now
        guard bucket.tokens >= 1 else {
            buckets[token] = bucket
            return .refused(retryAfter: max(1, Int(((1 - bucket.tokens) / perSecond).rounded(.up))))
        }
        bucket.tokens -= 1
        if buckets[token] == nil && buckets.count >= maximumTokens { prune(at: now) }
        buckets[token] = bucket
        return .allowed
    }

    /// Drops the buckets that have had time to refill (any bucket is full a minute after its last post).
    private mutating func prune(at now: Date) {
        buckets = buckets.filter { now.timeIntervalSince($0.value.updated) < 60 }
        if buckets.count >= maximumTokens { buckets.removeAll() }
    }
}
