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

/// An approval request as stored: its lead, and the request as this version of Clew reads it.
public struct StoredApproval: Hashable, Sendable {
    /// The lead it asks about, by id.
    public var leadID: Int64
    /// The request; nil when its kind is one this version of Clew does not know (written by a
    /// newer one sharing the database): it is left for that version to show and decide.
    public var item: ApprovalItem?

    /// A value with each of its fields given.
    public init(leadID: Int64, item: ApprovalItem?) {
        self.leadID = leadID
        self.item = item
    }
}

/// The approval requests of a transaction. A new request is versioned and audited
/// (`request-approval`, naming its target stage), as is a withdrawal (`withdraw`).
public protocol ApprovalRepository {
    /// The pending requests `approver` must decide (every pending request when nil: an
    /// admin's view), oldest first, at most `limit`, with their leads' numbers and customers.
    func pending(approver: String?, limit: Int) throws -> [ApprovalItem]
    /// Request `id`, decided or not; nil when there is none.
    func request(id: Int64) throws -> StoredApproval?
    /// The pending request of `kind` on lead `leadID`, if any.
    func pendingID(onLead leadID: Int64, kind: ApprovalKind) throws -> Int64?
    /// Whether an approved contract or deal-amount request on lead `leadID` was for `amount` or
    /// more: the win at `amount` needs no other approval.
    func approvedAmountCovers(_ amount: Money, onLead leadID: Int64) throws -> Bool
    /// Every pending request on lead `leadID`, by id.
    func pendingIDs(onLead leadID: Int64) throws -> [Int64]
    /// Stores a pending request by the transaction's actor; returns its id.
    func insert(_ approval: NewApproval) throws -> Int64
    /// Withdraws pending request `id` (the lead it asks about changed hands), by the actor, now.
    func withdraw(_ id: Int64) throws
    /// Decides pending request `id` as `status` (approved or rejected) with `comment`, by the
    /// actor, now (audited `approve` or `reject`).
    func decide(_ id: Int64, as status: ApprovalStatus, comment: String?) throws
}
