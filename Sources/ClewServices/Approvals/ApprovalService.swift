import ClewDomain
import Foundation

/// Deciding approval requests (审批) over the ports (issue 9): the approver (or an admin)
/// approves — and what was asked is carried out in the same transaction: the stage move, or the
/// late objection's return to screening — or rejects with a comment; the requester is told.
///
/// ```swift
/// let approvals = ApprovalService(store: store, actor: supervisor)
/// for request in try approvals.pending() { try approvals.approve(request.id, comment: "同意") }
/// ```
public struct ApprovalService: ApprovalUseCases {
    let store: any ServiceStore
    /// The user the service acts for.
    public let actor: ActingUser

    public init(store: any ServiceStore, actor: ActingUser) {
        self.store = store
        self.actor = actor
    }

    /// The most pending requests ``pending()`` lists.
    public static let listLimit = 1_000

    /// Pending requests for the actor (all pending requests for an admin), oldest first.
    public func pending() throws -> [ApprovalItem] {
        try store.read { tx in try tx.approvals.pending(approver: actor.role == .admin ? nil : actor.login, limit: Self.listLimit) }
    }

    /// Approves request `id`: the lead moves to the requested stage, or (a late objection) goes
    /// back to screening; a deal-amount approval lets the win go ahead.
    ///
    /// - Throws: ``ClewDomain/ApprovalError/alreadyDecided(id:status:)``, ``ClewDomain/ApprovalError/outOfDate(number:stage:)``
    ///   (the lead moved on since the request), ``StoreError/notFound(_:)`` (no such request for the actor).
    @discardableResult
    public func approve(_ id: Int64, comment: String?) throws -> ApprovalItem {
        try decide(id, approve: true, comment: comment)
    }

    /// Rejects request `id` with a comment (required).
    @discardableResult
    public func reject(_ id: Int64, comment: String) throws -> ApprovalItem {
        _ = try Reasons.require(comment, for: .rejecting)
        return try decide(id, approve: false, comment: comment)
    }

    private func decide(_ id: Int64, approve: Bool, comment: String?) throws -> ApprovalItem {
        try store.write(as: actor) { tx in
            guard let stored = try tx.approvals.request(id: id) else { throw StoreError.notFound("no approval request #\(id)") }
            guard let item = stored.item else { throw StoreError.notFound("approval request #\(id) is of a kind this version of Clew does not know") }
            guard item.approver == actor.login || actor.role == .admin else {
                throw StoreError.notFound("no approval request #\(id) for you")
            }
            guard item.status == .pending else { throw ApprovalError.alreadyDecided(id: id, status: item.status) }
            if approve, item.kind == .objection {
                guard let lead = try tx.leads.lead(id: stored.leadID), lead.status == .assigned, lead.owner == item.requestedBy else {
                    throw ApprovalError.outOfDate(number: item.leadNumber, stage: nil)
                }
                _ = try LeadHandoverService.object(lead, reason: item.reason ?? "", in: tx)
            } else if approve, item.kind != .dealAmount, let target = item.toStage {
                guard let lead = try tx.leads.lead(id: stored.leadID), lead.status == .active, lead.stage == item.fromStage else {
                    throw ApprovalError.outOfDate(number: item.leadNumber, stage: item.fromStage)
                }
                _ = try LeadStageService.move(lead, to: target, in: tx)
            }
            let status: ApprovalStatus = approve ? .approved : .rejected
            try tx.approvals.decide(id, as: status, comment: comment)
            try tx.notify(item.requestedBy, kind: "approval-decided", leadID: stored.leadID,
                          body: "\(actor.login) \(status.rawValue) moving \(item.leadNumber) to \(item.toStage ?? "?")" + (comment.map { ": \($0)" } ?? ""),
                          parameters: [actor.login, status.rawValue, item.leadNumber, item.toStage ?? "", comment ?? ""])
            var decided = item
            decided.status = status
            decided.comment = comment
            decided.decidedAt = tx.now
            return decided
        }
    }
}
