import ClewDomain
import Foundation

/// One stay in a stage: planned vs actual.
public struct StageVisit: Hashable, Sendable, Codable {
    public var stage: String
    public var enteredAt: Date
    public var plannedExitAt: Date?
    public var exitedAt: Date?

    /// Where the visit stands, as seed 000's stage tracking table shows it (进行中/已完成/异常).
    public func progress(at now: Date) -> StageProgress {
        StageProgress.of(plannedExit: plannedExitAt, exited: exitedAt, now: now)
    }

    /// `in-progress`, `done`, or `late` (left, or still in it, past the planned exit).
    public func status(at now: Date) -> String { progress(at: now).rawValue }

    /// A value with each of its fields given.
    public init(stage: String, enteredAt: Date, plannedExitAt: Date? = nil, exitedAt: Date? = nil) {
        self.stage = stage
        self.enteredAt = enteredAt
        self.plannedExitAt = plannedExitAt
        self.exitedAt = exitedAt
    }
}
