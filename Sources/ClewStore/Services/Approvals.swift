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

    static func withdrawPending(leadID: Int64, except kept: Int64? = nil, _ m: Mutation) throws {
        for id in try pendingIDs(onLead: leadID, m.db) where id != kept { try withdraw(id, m) }
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

/// Deciding approval requests: the approver (or an admin) approves or rejects with a comment.
public struct ApprovalService: Sendable {
    let context: ClewContext
    public let actor: ActingUser

    public init(context: ClewContext, actor: ActingUser) {
        self.context = context
        self.actor = actor
    }

    /// Pending requests for the actor (all pending requests for an admin).
    public func pending() throws -> [ApprovalItem] {
        try context.read { db in
            let sql = "SELECT \(ApprovalItem.selection) FROM approval JOIN lead ON lead.id = approval.lead_id WHERE approval.status = 'pending'"
                + (actor.role == .admin ? "" : " AND approval.approver = ?") + " ORDER BY approval.created_at"
            return try Row.fetchAll(db, sql: sql, arguments: actor.role == .admin ? [] : [actor.login]).compactMap(ApprovalItem.init(row:))
        }
    }

    /// Approves request `id`: the lead moves to the requested stage.
    @discardableResult
    public func approve(_ id: Int64, comment: String?) throws -> ApprovalItem {
        try decide(id, approve: true, comment: comment)
    }

    /// Rejects request `id` with a comment (required).
    @discardableResult
    public func reject(_ id: Int64, comment: String) throws -> ApprovalItem {
        _ = try LeadService.requireReason(comment, for: .rejecting)
        return try decide(id, approve: false, comment: comment)
    }

    private func decide(_ id: Int64, approve: Bool, comment: String?) throws -> ApprovalItem {
        try context.mutate(as: actor) { m in
            guard let row = try Row.fetchOne(m.db, sql: "SELECT \(ApprovalItem.selection), approval.lead_id FROM approval JOIN lead ON lead.id = approval.lead_id WHERE approval.id = ?", arguments: [id]) else {
                throw StoreError.notFound("no approval request #\(id)")
            }
            guard let item = ApprovalItem(row: row) else { throw StoreError.notFound("approval request #\(id) is of a kind this version of Clew does not know") }
            guard item.approver == actor.login || actor.role == .admin else {
                throw StoreError.notFound("no approval request #\(id) for you")
            }
            guard item.status == .pending else { throw ApprovalError.alreadyDecided(id: id, status: item.status) }
            let leadID: Int64 = row["lead_id"]
            if approve, item.kind == .objection {
                guard let lead = try LeadLookup.fetch(m.db, id: leadID), lead.status == .assigned, lead.owner == item.requestedBy else {
                    throw ApprovalError.outOfDate(number: item.leadNumber, stage: nil)
                }
                try Approvals.withdrawPending(leadID: leadID, except: id, m)
                _ = try LeadHandoverService.object(lead, reason: item.reason ?? "", in: context.transaction(m))
            } else if approve, item.kind != .dealAmount, let target = item.toStage {
                guard let lead = try LeadLookup.fetch(m.db, id: leadID), lead.status == .active, lead.stage == item.fromStage else {
                    throw ApprovalError.outOfDate(number: item.leadNumber, stage: item.fromStage)
                }
                _ = try LeadStageService.move(lead, to: target, in: context.transaction(m))
            }
            let status: ApprovalStatus = approve ? .approved : .rejected
            try m.change(.approval, .id(id), ["status": status.rawValue, "comment": comment, "decided_at": m.now.storage, "decided_by": actor.login],
                         action: approve ? "approve" : "reject", silent: ["decided_at", "decided_by"])
            try m.notify(item.requestedBy, kind: "approval-decided", leadID: leadID,
                         body: "\(actor.login) \(status.rawValue) moving \(item.leadNumber) to \(item.toStage ?? "?")" + (comment.map { ": \($0)" } ?? ""),
                         parameters: [actor.login, status.rawValue, item.leadNumber, item.toStage ?? "", comment ?? ""])
            var decided = item
            decided.status = status
            decided.comment = comment
            decided.decidedAt = m.now
            return decided
        }
    }
}

extension ApprovalStatus: DatabaseValueConvertible {}
