import ClewDomain
import ClewServices
import Foundation

/// ``ClewServices/TaskRepository`` in memory: versioned and audited as the SQLite store's
/// `task` table is (a `create` row naming the title; one row per changed field, timestamps and
/// derived columns silent).
struct InMemoryTasks: TaskRepository {
    let transaction: InMemoryTransaction

    private var state: StateBox { transaction.state }

    func task(id: Int64) throws -> TaskItem? {
        guard let record = state.state.tasks[id] else { return nil }
        let lead = record.leadID.flatMap { state.state.leads[$0] }
        return TaskItem(id: record.id, leadNumber: lead?.number.description, leadCustomer: lead?.details.customer,
                        assignee: record.assignee, title: record.title, kind: record.kind, dueAt: record.dueAt, status: record.status,
                        snoozedUntil: record.snoozedUntil, createdBy: record.createdBy, createdAt: record.createdAt, doneAt: record.doneAt,
                        version: record.version, overdueAt: record.overdueAt)
    }

    func open(assignee: String, dueBefore horizon: Date, limit: Int) throws -> [TaskItem] {
        let due = { (record: TaskRecord) in record.snoozedUntil ?? record.dueAt }
        // No date first, then soonest, then oldest: SQLite's order of NULL and the id.
        let records = state.state.tasks.values.filter { $0.assignee == assignee && $0.status == .open && (due($0) ?? horizon.addingTimeInterval(-1)) < horizon }
            .sorted { a, b in
                switch (due(a), due(b)) {
                case (nil, nil): a.id < b.id
                case (nil, _): true
                case (_, nil): false
                case let (x?, y?): (x, a.id) < (y, b.id)
                }
            }
        return try records.prefix(max(limit, 0)).compactMap { try task(id: $0.id) }
    }

    func hasTask(onLead leadID: Int64, for login: String) throws -> Bool {
        state.state.tasks.values.contains { $0.leadID == leadID && $0.assignee == login && $0.status != .cancelled }
    }

    func open(onLead leadID: Int64) throws -> [OpenLeadTask] {
        state.state.tasks.values.filter { $0.leadID == leadID && $0.status == .open }.sorted { $0.id < $1.id }
            .map { OpenLeadTask(id: $0.id, kind: $0.kind, triggerEvent: $0.triggerEvent) }
    }

    func recordCancelReason(_ reason: String, ofTask id: Int64) throws {
        try change(id, action: "cancel-reason") { $0.cancelReason = reason }
    }

    func nextDue(onLeads ids: [Int64]) throws -> [Int64: Date] {
        let wanted = Set(ids)
        var due: [Int64: Date] = [:]
        for record in state.state.tasks.values where record.status == .open {
            guard let lead = record.leadID, wanted.contains(lead), let at = record.snoozedUntil ?? record.dueAt else { continue }
            due[lead] = min(due[lead] ?? at, at)
        }
        return due
    }

    func insert(_ task: NewTask) throws -> Int64 {
        let actor = transaction.writer()
        state.state.lastTaskID += 1
        let id = state.state.lastTaskID
        state.state.tasks[id] = TaskRecord(id: id, leadID: task.leadID, assignee: task.assignee, title: task.title, kind: task.kind,
                                           dueAt: task.due, status: .open, createdBy: actor.login, createdAt: transaction.now, version: 1)
        transaction.audit("create", entity: "task", id: id, field: "title", new: task.title)
        return id
    }

    func close(_ id: Int64, as status: TaskStatus) throws {
        try change(id, action: status == .done ? "complete" : "cancel") { record in
            record.status = status
            record.doneAt = transaction.now
            record.doneBy = transaction.writer().login
        }
    }

    func snooze(_ id: Int64, until date: Date) throws {
        try change(id, action: "snooze") { record in
            record.snoozedUntil = date
            record.overdueAt = nil
        }
    }

    func history(ofTask id: Int64) throws -> [AuditEntry] {
        state.state.audit.filter { $0.entity == "task" && $0.entityID == id }
    }

    /// Changes task `id` as `edit` says: when anything changed, the version is bumped and one
    /// audit row is written per changed field that is not silent (one without a field when only
    /// silent ones changed), as the SQLite store's `Mutation.change` does.
    private func change(_ id: Int64, action: String, _ edit: (inout TaskRecord) -> Void) throws {
        guard let old = state.state.tasks[id] else { throw StoreError.notFound("task \(id) no longer exists") }
        var new = old
        edit(&new)
        // Audited fields, by their column names; done_at, done_by and overdue_at are silent.
        let audited: [(field: String, old: String?, new: String?)] = [
            ("status", old.status.rawValue, new.status.rawValue),
            ("snoozed_until", old.snoozedUntil.map(StoreError.timestamp), new.snoozedUntil.map(StoreError.timestamp)),
            ("cancel_reason", old.cancelReason, new.cancelReason),
        ].filter { $0.old != $0.new }
        let silentChanged = old.doneAt != new.doneAt || old.doneBy != new.doneBy || old.overdueAt != new.overdueAt
        guard !audited.isEmpty || silentChanged else { return }
        new.version = old.version + 1
        state.state.tasks[id] = new
        for change in audited { transaction.audit(action, entity: "task", id: id, field: change.field, old: change.old, new: change.new) }
        if audited.isEmpty { transaction.audit(action, entity: "task", id: id) }
    }
}
