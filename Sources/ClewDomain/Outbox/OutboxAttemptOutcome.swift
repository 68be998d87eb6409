/// How one delivery attempt of an outbox message ended.
public enum OutboxAttemptOutcome: String, Hashable, Sendable, Codable, CaseIterable {
    /// Delivered.
    case sent
    /// Failed; the message is tried again later.
    case retrying
    /// Failed for good (after the last attempt, undeliverable as it is, or cancelled meanwhile).
    case failed
}
