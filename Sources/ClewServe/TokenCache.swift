import ClewDomain
import Foundation

/// The live tokens the server looked up in the last ``lifetime`` seconds, by secret hash, so a
/// busy form does not cost a database read per post. A revoked token is refused at most
/// ``lifetime`` seconds after `clew intake token revoke` (the next look-up reads the database
/// again). Only live tokens are kept (an unknown or revoked secret is looked up every time), and
/// at most ``capacity`` of them.
final class TokenCache: @unchecked Sendable {
    /// How long a looked-up token is trusted without reading the database again.
    static let lifetime: TimeInterval = 1
    /// The most tokens kept (a site has a handful; the cache is emptied when full).
    static let capacity = 1_024

    private let lock = NSLock()
    private var entries: [String: (token: IntakeToken, until: Date)] = [:]
    private let clock: any WallClock

    init(clock: any WallClock) { self.clock = clock }

    /// The token whose secret hashes to `hash`, when it was looked up less than ``lifetime`` ago.
    func fresh(_ hash: String) -> IntakeToken? {
        let now = clock.now()
        return lock.withLock { entries[hash].flatMap { $0.until > now ? $0.token : nil } }
    }

    /// Keeps what the database said for `hash` (a live token for ``lifetime`` seconds; nil forgets it).
    func keep(_ token: IntakeToken?, hash: String) {
        let until = clock.now().addingTimeInterval(Self.lifetime)
        lock.withLock {
            guard let token else {
                entries[hash] = nil
                return
            }
            if entries.count >= Self.capacity { entries.removeAll(keepingCapacity: true) }
            entries[hash] = (token, until)
        }
    }
}
