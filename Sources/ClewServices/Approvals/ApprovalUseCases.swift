import ClewDomain
import Foundation

/// Deciding the approval requests (审批) addressed to the actor.
public protocol ApprovalUseCases: Sendable {
    /// Approves request `id`, with an optional comment, and carries out what it asked for.
    @discardableResult
    func approve(_ id: Int64, comment: String?) throws -> ApprovalItem
    /// Rejects request `id`; the comment (the reason) is required.
    @discardableResult
    func reject(_ id: Int64, comment: String) throws -> ApprovalItem
}
