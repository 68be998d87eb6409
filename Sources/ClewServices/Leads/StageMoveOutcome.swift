import ClewDomain
import Foundation

/// What moving a lead to another stage did (``LeadUseCases/move(_:to:reason:expectedVersion:)``).
public enum StageMoveOutcome: Sendable, Equatable {
    /// The lead is now in the stage.
    case moved(Lead)
    /// The move skips stages, so an approval request went to the supervisor instead.
    case approvalRequested(id: Int64, approver: String, skipping: [String])
    /// Entering the contract stage needs approval (`[approvals]`): a request went to `approver`.
    case contractApprovalRequested(id: Int64, approver: String, level: ApprovalPolicy.Level)
}
