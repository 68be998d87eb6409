import Foundation

/// A stage visit's state in the stage tracking table of seed 000 (完成状态: 进行中/已完成/异常):
/// a stage left, or still open, after its planned exit is late (异常), not done.
public enum StageProgress: String, Hashable, Codable, Sendable {
    /// 进行中: still in the stage, within plan.
    case inProgress = "in-progress"
    /// 已完成: left on or before the planned exit.
    case done
    /// 异常: left after the planned exit, or still in the stage past it.
    case late

    /// 进行中, 已完成, 异常.
    public var chineseName: String {
        switch self {
        case .inProgress: "进行中"
        case .done: "已完成"
        case .late: "异常"
        }
    }

    /// The state of a visit planned to end at `plannedExit` that ended at `exited` (nil: still in it).
    public static func of(plannedExit: Date?, exited: Date?, now: Date) -> StageProgress {
        let end = exited ?? now
        if let plannedExit, end > plannedExit { return .late }
        return exited == nil ? .inProgress : .done
    }
}
