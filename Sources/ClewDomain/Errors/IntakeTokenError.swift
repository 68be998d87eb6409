/// Why an intake token could not be made or revoked.
public enum IntakeTokenError: BilingualError, Equatable {
    /// The source is empty or longer than `limit` characters.
    case sourceLength(limit: Int)
    /// The campaign is longer than `limit` characters.
    case campaignTooLong(limit: Int)
    /// The rate is outside the allowed posts a minute.
    case rateOutOfRange(ClosedRange<Int>)
    /// The token was revoked before.
    case alreadyRevoked(label: String)

    public var english: String {
        switch self {
        case let .sourceLength(limit): "--source must be 1 to \(limit) characters (官网, 抖音, …)"
        case let .campaignTooLong(limit): "--campaign is longer than \(limit) characters"
        case let .rateOutOfRange(range): "--rate must be \(range.lowerBound) to \(range.upperBound) posts a minute"
        case let .alreadyRevoked(label): "\(label) is already revoked"
        }
    }

    public var chinese: String {
        switch self {
        case let .sourceLength(limit): "--source 须为 1 到 \(limit) 个字符（官网、抖音……）"
        case let .campaignTooLong(limit): "--campaign 超过 \(limit) 个字符"
        case let .rateOutOfRange(range): "--rate 须为每分钟 \(range.lowerBound) 到 \(range.upperBound) 次"
        case let .alreadyRevoked(label): "\(label) 已被吊销"
        }
    }
}
