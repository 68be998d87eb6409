import ClewDomain
import ClewServices
import Foundation
import GRDB

extension ApprovalItem {
    static let selection = """
        approval.id, lead.number, lead.customer, approval.kind, approval.from_stage, approval.to_stage, approval.requested_by,
        approval.approver, approval.status, approval.reason, approval.comment, approval.created_at, approval.decided_at
        """

    /// The request of `row`; nil for a kind this version of Clew does not know (written by a
    /// newer one sharing the database): it is left for that version to show and decide.
    init?(row: Row) {
        guard let kind = ApprovalKind(rawValue: row["kind"]) else { return nil }
        self.init(id: row["id"],
                  leadNumber: row["number"],
                  leadCustomer: row["customer"],
                  kind: kind,
                  fromStage: row["from_stage"],
                  toStage: row["to_stage"],
                  requestedBy: row["requested_by"],
                  approver: row["approver"],
                  status: row["status"],
                  reason: row["reason"],
                  comment: row["comment"],
                  createdAt: Date(storage: row["created_at"]),
                  decidedAt: (row["decided_at"] as Double?).map(Date.init(storage:)))
    }
}

/// Approval rows, shared by the services.
enum Approvals {
    /// The pending request of `kind` on lead `leadID`, if any.
    static func pendingID(onLead leadID: Int64, kind: ApprovalKind, _ db: Database) throws -> Int64? {
        try Int64.fetchOne(db, sql: "SELECT id FROM approval WHERE lead_id = ? AND status = 'pending' AND kind = ?", arguments: [leadID, kind.rawValue])
    }

    /// Stores a pending request by the actor, with its `request-approval` audit row (naming the
    /// target stage, or the kind for a request with none); returns its id.
    static func insertRecord(_ approval: NewApproval, _ m: Mutation) throws -> Int64 {
        try m.insert(into: .approval, [
            "lead_id": approval.leadID, "kind": approval.kind.rawValue, "from_stage": approval.fromStage, "to_stage": approval.toStage,
            "requested_by": m.actor.login, "approver": approval.approver, "reason": approval.reason, "created_at": m.now.storage,
            "amount_fen": approval.amount?.fen,
        ], action: "request-approval", summary: approval.toStage.map { ("to_stage", $0) } ?? ("kind", approval.kind.rawValue))
    }

    /// The first active admin by login (``ClewServices/UserRepository/firstActiveAdmin()``).
    static func anyAdmin(_ db: Database) throws -> String {
        try SQLiteUsers(db: db).firstActiveAdmin()
    }

    /// Every pending request on lead `leadID`, by id.
    static func pendingIDs(onLead leadID: Int64, _ db: Database) throws -> [Int64] {
        try Int64.fetchAll(db, sql: "SELECT id FROM approval WHERE lead_id = ? AND status = 'pending' ORDER BY id", arguments: [leadID])
    }

    /// Withdraws pending request `id`, by the actor, now (audited `withdraw`).
    static func withdraw(_ id: Int64, _ m: Mutation) throws {
        try m.change(.approval, .id(id), ["status": ApprovalStatus.withdrawn.rawValue, "decided_at": m.now.storage, "decided_by": m.actor.login],
                     action: "withdraw", silent: ["decided_at", "decided_by"])
    }
}

extension ApprovalStatus: DatabaseValueConvertible {}
