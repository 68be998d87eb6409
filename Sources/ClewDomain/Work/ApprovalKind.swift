/// What an approval request (审批) is for.
public enum ApprovalKind: String, CaseIterable, Codable, Sendable {
    /// Moving over stages (跳过阶段), seed 000: 提交申请并经上级审批后执行.
    case stageSkip = "stage-skip"
    /// Entering the contract stage (合同签订) as the process file's `[approvals]` asks: every
    /// deal, or one expected above a threshold (销售总监可审批合同).
    case contract
    /// An assignee's objection after `object_within` of the assignment (seed 004: 需在2小时内反馈至主管):
    /// approved, the lead goes back to screening.
    case objection
    /// A win (or its amount) above what the deal's approvals covered, under `[approvals]`'s
    /// thresholds: the amount is checked again (seed 000: 销售总监可审批合同).
    case dealAmount = "deal-amount"

    /// The name shown in Chinese.
    public var chineseName: String {
        switch self {
        case .stageSkip: "跳过阶段"
        case .contract: "合同审批"
        case .objection: "逾时异议"
        case .dealAmount: "成交金额审批"
        }
    }
}
