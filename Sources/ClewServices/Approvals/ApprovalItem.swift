import ClewDomain
import Foundation

/// A request waiting for a supervisor's decision (审批), such as a stage skip.
public struct ApprovalItem: Hashable, Sendable, Codable {
    public var id: Int64
    public var leadNumber: String
    public var leadCustomer: String
    /// What is asked: a stage skip, the contract stage, an objection, a deal amount.
    public var kind: ApprovalKind
    public var fromStage: String?
    public var toStage: String?
    public var requestedBy: String
    public var approver: String
    public var status: ApprovalStatus
    public var reason: String?
    public var comment: String?
    public var createdAt: Date
    public var decidedAt: Date?

    /// A value with each of its fields given.
    public init(id: Int64, leadNumber: String, leadCustomer: String, kind: ApprovalKind, fromStage: String? = nil, toStage: String? = nil,
                requestedBy: String, approver: String, status: ApprovalStatus, reason: String? = nil, comment: String? = nil,
                createdAt: Date, decidedAt: Date? = nil) {
        self.id = id
        self.leadNumber = leadNumber
        self.leadCustomer = leadCustomer
        self.kind = kind
        self.fromStage = fromStage
        self.toStage = toStage
        self.requestedBy = requestedBy
        self.approver = approver
        self.status = status
        self.reason = reason
        self.comment = comment
        self.createdAt = createdAt
        self.decidedAt = decidedAt
    }
}
