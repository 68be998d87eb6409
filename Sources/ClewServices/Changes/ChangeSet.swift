import ClewDomain
import Foundation

/// What other commits touched since a ``ChangeMark``, read from the audit trail (every change
/// writes one row naming its record) and the reader's notifications. Commits that change no
/// business record — the tick's lease renewals, read marks by others, search-index upkeep —
/// leave it empty, so nothing reloads for them.
public struct ChangeSet: Hashable, Sendable {
    /// The kinds of records changed (`lead`, `task`, `approval`, `user`, `process`, …).
    public var entities: Set<String> = []
    /// The leads changed.
    public var leadIDs: Set<Int64> = []
    /// A notification arrived for the reader.
    public var notified = false
    /// More changed than the feed reads one by one: treat everything as changed.
    public var overflow = false

    public init(entities: Set<String> = [], leadIDs: Set<Int64> = [], notified: Bool = false, overflow: Bool = false) {
        self.entities = entities
        self.leadIDs = leadIDs
        self.notified = notified
        self.overflow = overflow
    }

    /// Nothing a view shows changed.
    public var isEmpty: Bool { entities.isEmpty && !notified && !overflow }

    /// Whether records of any of `kinds` changed (always, on overflow).
    public func touches(_ kinds: Set<String>) -> Bool { overflow || !entities.isDisjoint(with: kinds) }

    /// Whether one of `leads` changed (always, on overflow).
    public func touches(leads: Set<Int64>) -> Bool { overflow || !leadIDs.isDisjoint(with: leads) }
}
