import ClewDomain
import ClewServices
import Foundation
import GRDB

/// ``ClewServices/NotificationRepository`` over the `notification` table (v23's
/// `notification_inbox` index: recipient, read, time, id, kind). Marking read is audited
/// through ``Mutation``.
struct SQLiteNotifications: NotificationRepository {
    let db: Database
    let mutation: Mutation?

    /// `kind IN (…)` or `kind NOT IN (…)`: the kinds of `group`.
    private static func kinds(of group: NotificationGroup) -> (sql: String, arguments: StatementArguments) {
        let kinds = NotificationGroup.messageKinds
        let marks = Array(repeating: "?", count: kinds.count).joined(separator: ",")
        return ("kind \(group == .messages ? "IN" : "NOT IN") (\(marks))", StatementArguments(kinds))
    }

    func unread(for recipient: String, in group: NotificationGroup, limit: Int) throws -> [NotificationItem] {
        let kinds = Self.kinds(of: group)
        return try Row.fetchAll(db, sql: """
            SELECT notification.id, kind, lead.number, actor, body, notification.created_at, notification.params
            FROM notification LEFT JOIN lead ON lead.id = notification.lead_id
            WHERE recipient = ? AND read_at IS NULL AND \(kinds.sql) ORDER BY notification.created_at DESC, notification.id DESC LIMIT ?
            """, arguments: [recipient] + kinds.arguments + [limit]).map {
            NotificationItem(id: $0["id"], kind: $0["kind"], leadNumber: $0["number"], actor: $0["actor"], body: $0["body"],
                             createdAt: Date(storage: $0["created_at"]), parameters: NotificationParameters(storage: $0["params"]))
        }
    }

    func unreadCount(for recipient: String, in group: NotificationGroup) throws -> Int {
        let kinds = Self.kinds(of: group)
        return try Int.fetchOne(db, sql: "SELECT count(*) FROM notification WHERE recipient = ? AND read_at IS NULL AND \(kinds.sql)",
                                arguments: [recipient] + kinds.arguments) ?? 0
    }

    func markRead(for recipient: String, in group: NotificationGroup) throws -> Int {
        let m = SQLiteTransaction.writing(mutation)
        let kinds = Self.kinds(of: group)
        try db.execute(sql: "UPDATE notification SET read_at = ? WHERE recipient = ? AND read_at IS NULL AND \(kinds.sql)",
                       arguments: [m.now.storage, recipient] + kinds.arguments)
        let count = db.changesCount
        if count > 0 { try m.audit("read", entity: "notification", id: 0, field: group.rawValue, new: String(count)) }
        return count
    }

    func unread(onLead id: Int64) throws -> [(id: Int64, kind: String)] {
        try Row.fetchAll(db, sql: "SELECT id, kind FROM notification WHERE lead_id = ? AND read_at IS NULL ORDER BY id", arguments: [id])
            .map { ($0["id"], $0["kind"]) }
    }

    func clear(_ ids: [Int64]) throws {
        let m = SQLiteTransaction.writing(mutation)
        for id in ids {
            try db.execute(sql: "UPDATE notification SET read_at = ? WHERE id = ? AND read_at IS NULL", arguments: [m.now.storage, id])
        }
    }

    func markRead(_ ids: [Int64]?, for recipient: String) throws -> Int {
        let m = SQLiteTransaction.writing(mutation)
        var count = 0
        if let ids {
            for id in ids {
                try db.execute(sql: "UPDATE notification SET read_at = ? WHERE id = ? AND recipient = ? AND read_at IS NULL",
                               arguments: [m.now.storage, id, recipient])
                count += db.changesCount
            }
        } else {
            try db.execute(sql: "UPDATE notification SET read_at = ? WHERE recipient = ? AND read_at IS NULL", arguments: [m.now.storage, recipient])
            count = db.changesCount
        }
        if count > 0 { try m.audit("read", entity: "notification", id: ids?.first ?? 0, field: "count", new: String(count)) }
        return count
    }
}

/// ``ClewServices/ApprovalRepository`` over the `approval` table, audited through ``Mutation``.
struct SQLiteApprovals: ApprovalRepository {
    let db: Database
    let mutation: Mutation?

    func pending(approver: String?, limit: Int) throws -> [ApprovalItem] {
        try Row.fetchAll(db, sql: """
            SELECT \(ApprovalItem.selection) FROM approval JOIN lead ON lead.id = approval.lead_id
            WHERE (? IS NULL OR approval.approver = ?) AND approval.status = 'pending' ORDER BY approval.created_at, approval.id LIMIT ?
            """, arguments: [approver, approver, limit]).compactMap(ApprovalItem.init(row:))
    }

    func request(id: Int64) throws -> StoredApproval? {
        try Row.fetchOne(db, sql: """
            SELECT \(ApprovalItem.selection), approval.lead_id FROM approval JOIN lead ON lead.id = approval.lead_id WHERE approval.id = ?
            """, arguments: [id]).map { StoredApproval(leadID: $0["lead_id"], item: ApprovalItem(row: $0)) }
    }

    func decide(_ id: Int64, as status: ApprovalStatus, comment: String?) throws {
        let m = SQLiteTransaction.writing(mutation)
        try m.change(.approval, .id(id), ["status": status.rawValue, "comment": comment, "decided_at": m.now.storage, "decided_by": m.actor.login],
                     action: status == .approved ? "approve" : "reject", silent: ["decided_at", "decided_by"])
    }

    func pendingID(onLead leadID: Int64, kind: ApprovalKind) throws -> Int64? {
        try Approvals.pendingID(onLead: leadID, kind: kind, db)
    }

    func approvedAmountCovers(_ amount: Money, onLead leadID: Int64) throws -> Bool {
        try Bool.fetchOne(db, sql: """
            SELECT EXISTS (SELECT 1 FROM approval WHERE lead_id = ? AND status = 'approved' AND kind IN ('contract', 'deal-amount') AND amount_fen >= ?)
            """, arguments: [leadID, amount.fen]) ?? false
    }

    func pendingIDs(onLead leadID: Int64) throws -> [Int64] {
        try Approvals.pendingIDs(onLead: leadID, db)
    }

    func insert(_ approval: NewApproval) throws -> Int64 {
        try Approvals.insertRecord(approval, SQLiteTransaction.writing(mutation))
    }

    func withdraw(_ id: Int64) throws {
        try Approvals.withdraw(id, SQLiteTransaction.writing(mutation))
    }
}
