import ClewDomain
import ClewServices
import ClewStore
import Foundation

/// What one run of the tick did (or, with `--dry-run`, would do).
public struct TickReport: Sendable, Codable {
    /// One rule firing.
    public struct Firing: Sendable, Codable, Hashable {
        /// `sla.confirm-escalation`, `task.reminder`, `pool.recycle:east`, …
        public var rule: String
        /// The lead's number, when the firing concerns one.
        public var lead: String?
        /// What the rule did: `escalated to bob`, `reminded alice`, …
        public var outcome: String
    }

    /// The time the rules were evaluated at (`--as-of`, else now).
    public var asOf: Date
    public var dryRun: Bool
    /// Everything that fired, in order.
    public var firings: [Firing]
    /// Set when another process held the tick lease, so this run did nothing.
    public var heldBy: String?
    /// Seconds the evaluation took.
    public var seconds: Double
    /// What the outbox delivery after the timers did, when a delivery command is configured.
    public var delivery: OutboxDeliveryReport?
    /// True when a tick had just run, so this one did nothing (background ticks only).
    public var skipped = false

    /// Firings per rule, most first.
    public var countsByRule: [(rule: String, count: Int)] {
        Dictionary(grouping: firings, by: \.rule).map { ($0.key, $0.value.count) }
            .sorted { $0.count != $1.count ? $0.count > $1.count : $0.rule < $1.rule }
    }
}
