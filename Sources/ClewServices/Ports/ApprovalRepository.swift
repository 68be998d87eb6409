import ClewDomain
import Foundation

/// An approval request about to be stored (审批): what the use case decided.
public struct NewApproval: Hashable, Sendable {
    public var leadID: Int64
    public var kind: ApprovalKind
    public var fromStage: String?
    public var toStage: String?
    public var approver: String
    public var reason: String?
    /// The deal amount asked about (a deal-amount request).
    public var amount: Money?

    public init(leadID: Int64, kind: ApprovalKind, fromStage: String? = nil, toStage: String? = nil, approver: String,
                reason: String? = nil, amount: Money? = nil) {
        self.leadID = leadID
        self.kind = kind
        self.fromStage = fromStage
        self.toStage = toStage
        self.approver = approver
        self.reason = reason
        self.amount = amount
    }
}

/// The approval requests of a transaction. A new request is versioned and audited
/// (`request-approval`, naming its target stage), as is a withdrawal (`withdraw`).
public protocol ApprovalRepository {
    /// The pending requests `approver` must decide, oldest first, at most `limit`, with their
    /// leads' numbers and customers.
    func pending(approver: String, limit: Int) throws -> [ApprovalItem]
    /// The pending request of `kind` on lead `leadID`, if any.
    func pendingID(onLead leadID: Int64, kind: ApprovalKind) throws -> Int64?
    /// Every pending request on lead `leadID`, by id.
    func pendingIDs(onLead leadID: Int64) throws -> [Int64]
    /// Stores a pending request by the transaction's actor; returns its id.
    func insert(_ approval: NewApproval) throws -> Int64
    /// Withdraws pending request `id` (the lead it asks about changed hands), by the actor, now.
    func withdraw(_ id: Int64) throws
}
