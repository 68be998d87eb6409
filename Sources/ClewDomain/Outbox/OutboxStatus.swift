/// Where an outbox message (an email or SMS the automation sends) stands.
public enum OutboxStatus: String, CaseIterable, Codable, Sendable {
    /// Waiting for its next attempt.
    case pending
    case sent
    /// Given up after its attempts; an admin may retry it.
    case failed
    case cancelled

    /// Whether an admin may retry the message.
    public var isRetryable: Bool { self == .failed }
    /// Whether an admin may cancel the message.
    public var isCancellable: Bool { self == .pending || self == .failed }
}
