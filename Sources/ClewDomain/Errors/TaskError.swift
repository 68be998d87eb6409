/// Why a change to a task was refused.
public enum TaskError: BilingualError, Equatable {
    /// A task needs a title.
    case emptyTitle
    /// The task is done or cancelled: only open tasks change.
    case notOpen(id: Int64, status: TaskStatus)
    /// A snooze must end in the future.
    case snoozeInThePast

    public var english: String {
        switch self {
        case .emptyTitle: "a task needs a title"
        case let .notOpen(id, status): "task #\(id) is already \(status.rawValue); only open tasks change"
        case .snoozeInThePast: "snooze until a time in the future"
        }
    }

    public var chinese: String {
        switch self {
        case .emptyTitle: "任务需要标题"
        case let .notOpen(id, status): "任务 #\(id) 已\(status.chineseName)，只能修改未完成的任务"
        case .snoozeInThePast: "推迟的时间必须在将来"
        }
    }
}
