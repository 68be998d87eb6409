/// Where an approval request stands.
public enum ApprovalStatus: String, CaseIterable, Codable, Sendable {
    /// Waiting for the approver.
    case pending
    case approved
    case rejected
    /// Withdrawn by the requester, or closed with its lead.
    case withdrawn

    /// The name shown in Chinese.
    public var chineseName: String {
        switch self {
        case .pending: "待审批"
        case .approved: "已批准"
        case .rejected: "已驳回"
        case .withdrawn: "已撤回"
        }
    }
}
