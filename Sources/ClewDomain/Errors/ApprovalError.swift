/// Why a decision on an approval request was refused.
public enum ApprovalError: BilingualError, Equatable {
    /// The request was decided or withdrawn already.
    case alreadyDecided(id: Int64, status: ApprovalStatus)
    /// The lead left the stage the request was made from: the request is out of date.
    case outOfDate(number: String, stage: String?)
    /// The deal needs an approval the actor cannot give (`[approvals]` in the process file).
    case needsApproval(number: String, level: ApprovalPolicy.Level)
    /// Winning for `amount` needs an approval the deal's earlier ones do not cover: request `id`
    /// now waits in `approver`'s inbox; win again once it is approved.
    case amountApprovalRequested(number: String, amount: Money, level: ApprovalPolicy.Level, approver: String, id: Int64)

    public var english: String {
        switch self {
        case let .alreadyDecided(id, status): "approval #\(id) is already \(status.rawValue)"
        case let .outOfDate(number, stage): "\(number) is no longer in \(stage ?? "that stage"); the request is out of date"
        case let .needsApproval(number, level):
            "\(number) needs the \(level == .director ? "director's (the supervisor's supervisor)" : "supervisor's") approval to enter the contract stage; move it there to ask"
        case let .amountApprovalRequested(number, amount, level, approver, id):
            "winning \(number) for \(amount) needs the \(level == .director ? "director's" : "supervisor's") approval ([approvals]); request #\(id) is in \(approver)'s inbox — win again once it is approved"
        }
    }

    public var chinese: String {
        switch self {
        case let .alreadyDecided(id, status): "审批 #\(id) \(status.chineseName)"
        case let .outOfDate(number, stage): "\(number) 已不在\(stage ?? "该阶段")，申请已过期"
        case let .needsApproval(number, level): "\(number) 进入合同签订需\(level == .director ? "销售总监" : "销售主管")审批，请先推进到该阶段提交申请"
        case let .amountApprovalRequested(number, amount, level, approver, id):
            "\(number) 以 \(amount) 成交需\(level == .director ? "销售总监" : "销售主管")审批；审批 #\(id) 已提交给 \(approver)，批准后请再次成交"
        }
    }
}
