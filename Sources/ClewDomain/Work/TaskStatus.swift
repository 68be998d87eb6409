/// Where a task stands.
public enum TaskStatus: String, CaseIterable, Codable, Sendable {
    /// To do (it may be overdue or snoozed).
    case open
    /// Done by its assignee.
    case done
    /// Cancelled: its lead closed, its cadence restarted, or someone cancelled it.
    case cancelled

    /// The name shown in Chinese.
    public var chineseName: String {
        switch self {
        case .open: "待办"
        case .done: "完成"
        case .cancelled: "取消"
        }
    }
}
