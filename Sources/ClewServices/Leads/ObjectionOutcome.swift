import ClewDomain
import Foundation

/// What an objection did.
public enum ObjectionOutcome: Sendable, Equatable {
    /// Back in screening.
    case objected(Lead)
    /// Later than `object_within`: request `id` went to `approver`, who decides.
    case approvalRequested(id: Int64, approver: String, within: ProcessDuration)
}
