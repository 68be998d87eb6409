import ClewDomain
import Foundation

/// Whose leads the board shows.
public enum BoardScope: String, CaseIterable, Sendable {
    case mine, team, all

    /// The default for a role: reps their own, supervisors their team, others everything.
    public static func `default`(for role: Role) -> BoardScope {
        switch role {
        case .rep: .mine
        case .supervisor: .team
        default: .all
        }
    }
}
