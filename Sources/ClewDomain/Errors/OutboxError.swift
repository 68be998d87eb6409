/// Why a change to an outbox message was refused.
public enum OutboxError: BilingualError, Equatable {
    /// Only failed messages are retried.
    case notRetryable(id: Int64, status: OutboxStatus)
    /// Only pending or failed messages are cancelled.
    case notCancellable(id: Int64, status: OutboxStatus)

    public var english: String {
        switch self {
        case let .notRetryable(id, status): "outbox message #\(id) is \(status.rawValue); only failed messages can be retried"
        case let .notCancellable(id, status): "outbox message #\(id) is \(status.rawValue); only pending or failed messages can be cancelled"
        }
    }

    public var chinese: String {
        switch self {
        case let .notRetryable(id, status): "待发消息 #\(id) 状态为 \(status.rawValue)，只能重试发送失败的消息"
        case let .notCancellable(id, status): "待发消息 #\(id) 状态为 \(status.rawValue)，只能取消待发送或失败的消息"
        }
    }
}
