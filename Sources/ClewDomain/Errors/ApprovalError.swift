/// Why a decision on an approval request was refused.
public enum ApprovalError: BilingualError, Equatable {
    /// The request was decided or withdrawn already.
    case alreadyDecided(id: Int64, status: ApprovalStatus)
    /// The lead left the stage the request was made from: the request is out of date.
    case outOfDate(number: String, stage: String?)

    public var english: String {
        switch self {
        case let .alreadyDecided(id, status): "approval #\(id) is already \(status.rawValue)"
        case let .outOfDate(number, stage): "\(number) is no longer in \(stage ?? "that stage"); the request is out of date"
        }
    }

    public var chinese: String {
        switch self {
        case let .alreadyDecided(id, status): "审批 #\(id) \(status.chineseName)"
        case let .outOfDate(number, stage): "\(number) 已不在\(stage ?? "该阶段")，申请已过期"
        }
    }
}
