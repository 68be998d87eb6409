import ClewDomain
import ClewServices
import Foundation

/// ``ClewServices/NotificationRepository`` in memory: marking read is audited as the SQLite
/// store does it (one `read` row per call that read any).
struct InMemoryNotifications: NotificationRepository {
    let transaction: InMemoryTransaction

    private var state: StateBox { transaction.state }

    /// The indices of `recipient`'s unread notifications that `include` accepts.
    private func unreadIndices(of recipient: String, _ include: (InMemoryStore.Notification) -> Bool) -> [Int] {
        state.state.notifications.indices.filter {
            let notification = state.state.notifications[$0]
            return notification.recipient == recipient && notification.readAt == nil && include(notification)
        }
    }

    func unread(for recipient: String, in group: NotificationGroup, limit: Int) throws -> [NotificationItem] {
        let newestFirst = unreadIndices(of: recipient) { NotificationGroup(kind: $0.kind) == group }
            .map { state.state.notifications[$0] }
            .sorted { ($0.at, $0.id) > ($1.at, $1.id) }
        return newestFirst.prefix(max(limit, 0)).map { notification in
            NotificationItem(id: notification.id, kind: notification.kind,
                             leadNumber: notification.leadID.flatMap { state.state.leads[$0] }?.number.description,
                             actor: notification.actor, body: notification.body, createdAt: notification.at,
                             parameters: NotificationParameters(text: notification.text, values: notification.parameters))
        }
    }

    func unreadCount(for recipient: String, in group: NotificationGroup) throws -> Int {
        unreadIndices(of: recipient) { NotificationGroup(kind: $0.kind) == group }.count
    }

    func markRead(for recipient: String, in group: NotificationGroup) throws -> Int {
        let count = read(unreadIndices(of: recipient) { NotificationGroup(kind: $0.kind) == group })
        if count > 0 { transaction.audit("read", entity: "notification", id: 0, field: group.rawValue, new: String(count)) }
        return count
    }

    func markRead(_ ids: [Int64]?, for recipient: String) throws -> Int {
        let count = read(unreadIndices(of: recipient) { notification in ids.map { $0.contains(notification.id) } ?? true })
        if count > 0 { transaction.audit("read", entity: "notification", id: ids?.first ?? 0, field: "count", new: String(count)) }
        return count
    }

    func unread(onLead id: Int64) throws -> [(id: Int64, kind: String)] {
        state.state.notifications.filter { $0.leadID == id && $0.readAt == nil }.map { ($0.id, $0.kind) }
    }

    func clear(_ ids: [Int64]) throws {
        let wanted = Set(ids)
        _ = read(state.state.notifications.indices.filter { wanted.contains(state.state.notifications[$0].id) && state.state.notifications[$0].readAt == nil })
    }

    /// Marks the notifications at `indices` read, now; how many.
    private func read(_ indices: [Int]) -> Int {
        _ = transaction.writer()
        for index in indices { state.state.notifications[index].readAt = transaction.now }
        return indices.count
    }
}

/// An approval request as the in-memory store keeps it (its lead by id, as the `approval` table does).
struct ApprovalRecord {
    var id: Int64
    var approval: NewApproval
    var requestedBy: String
    var status: ApprovalStatus
    var createdAt: Date
    var decidedAt: Date?
    var decidedBy: String?
    var comment: String?
    var version: Int
}

/// ``ClewServices/ApprovalRepository`` in memory, audited as the SQLite store's `approval` table.
struct InMemoryApprovals: ApprovalRepository {
    let transaction: InMemoryTransaction

    private var state: StateBox { transaction.state }

    func pending(approver: String?, limit: Int) throws -> [ApprovalItem] {
        // A request's lead is always there (the table's join); one without is not listed.
        let records = state.state.approvals.values
            .filter { (approver == nil || $0.approval.approver == approver) && $0.status == .pending && state.state.leads[$0.approval.leadID] != nil }
            .sorted { ($0.createdAt, $0.id) < ($1.createdAt, $1.id) }
        return records.prefix(max(limit, 0)).compactMap(item)
    }

    func request(id: Int64) throws -> StoredApproval? {
        guard let record = state.state.approvals[id], let item = item(record) else { return nil }
        return StoredApproval(leadID: record.approval.leadID, item: item)
    }

    /// `record` as a reader sees it, with its lead's number and customer; nil without its lead.
    private func item(_ record: ApprovalRecord) -> ApprovalItem? {
        guard let lead = state.state.leads[record.approval.leadID] else { return nil }
        return ApprovalItem(id: record.id, leadNumber: lead.number.description, leadCustomer: lead.details.customer ?? "",
                            kind: record.approval.kind, fromStage: record.approval.fromStage, toStage: record.approval.toStage,
                            requestedBy: record.requestedBy, approver: record.approval.approver, status: record.status,
                            reason: record.approval.reason, comment: record.comment, createdAt: record.createdAt, decidedAt: record.decidedAt)
    }

    func decide(_ id: Int64, as status: ApprovalStatus, comment: String?) throws {
        let actor = transaction.writer()
        guard var record = state.state.approvals[id] else { throw StoreError.notFound("approval request #\(id) no longer exists") }
        let old = record
        record.status = status
        record.comment = comment
        record.decidedAt = transaction.now
        record.decidedBy = actor.login
        record.version += 1
        state.state.approvals[id] = record
        let action = status == .approved ? "approve" : "reject"
        let audited: [(field: String, old: String?, new: String?)] = [
            ("status", old.status.rawValue, status.rawValue), ("comment", old.comment, comment),
        ].filter { $0.old != $0.new }
        for change in audited { transaction.audit(action, entity: "approval", id: id, field: change.field, old: change.old, new: change.new) }
    }

    func pendingID(onLead leadID: Int64, kind: ApprovalKind) throws -> Int64? {
        state.state.approvals.values.filter { $0.approval.leadID == leadID && $0.approval.kind == kind && $0.status == .pending }
            .map(\.id).min()
    }

    func approvedAmountCovers(_ amount: Money, onLead leadID: Int64) throws -> Bool {
        state.state.approvals.values.contains { record in
            record.approval.leadID == leadID && record.status == .approved && [.contract, .dealAmount].contains(record.approval.kind)
                && (record.approval.amount.map { $0 >= amount } ?? false)
        }
    }

    func pendingIDs(onLead leadID: Int64) throws -> [Int64] {
        state.state.approvals.values.filter { $0.approval.leadID == leadID && $0.status == .pending }.map(\.id).sorted()
    }

    func withdraw(_ id: Int64) throws {
        let actor = transaction.writer()
        guard var record = state.state.approvals[id] else { throw StoreError.notFound("approval request #\(id) no longer exists") }
        let old = record.status
        guard old != .withdrawn else { return }
        record.status = .withdrawn
        record.decidedAt = transaction.now
        record.decidedBy = actor.login
        record.version += 1
        state.state.approvals[id] = record
        transaction.audit("withdraw", entity: "approval", id: id, field: "status", old: old.rawValue, new: ApprovalStatus.withdrawn.rawValue)
    }

    func insert(_ approval: NewApproval) throws -> Int64 {
        let actor = transaction.writer()
        state.state.lastApprovalID += 1
        let id = state.state.lastApprovalID
        state.state.approvals[id] = ApprovalRecord(id: id, approval: approval, requestedBy: actor.login, status: .pending,
                                                   createdAt: transaction.now, version: 1)
        if let target = approval.toStage {
            transaction.audit("request-approval", entity: "approval", id: id, field: "to_stage", new: target)
        } else {
            transaction.audit("request-approval", entity: "approval", id: id, field: "kind", new: approval.kind.rawValue)
        }
        return id
    }
}
