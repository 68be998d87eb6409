import Foundation

/// Why a capture time was refused.
public enum LeadCaptureError: BilingualError, Equatable {
    case inFuture(Date)

    public var english: String {
        switch self {
        case let .inFuture(date): "--captured-at \(ErrorTimestamp.text(date)) is in the future; give when the lead was captured"
        }
    }

    public var chinese: String {
        switch self {
        case let .inFuture(date): "获取时间 \(ErrorTimestamp.text(date)) 晚于当前时间"
        }
    }
}
