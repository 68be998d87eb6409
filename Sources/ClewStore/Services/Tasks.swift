import ClewDomain
import ClewServices
import Foundation
import GRDB

/// Task rows, shared by the services that create and close them.
package enum Tasks {
    /// Creates a task (audited); `cadence` and `triggerEvent` name what scheduled it.
    package static func insert(leadID: Int64?, assignee: String, title: String, kind: String, due: Date?,
                       cadence: String? = nil, triggerEvent: String? = nil, _ m: Mutation) throws -> Int64 {
        let id = try m.insert(into: .task, [
            "lead_id": leadID, "assignee": assignee, "title": title, "kind": kind, "due_at": due?.storage,
            "created_by": m.actor.login, "created_at": m.now.storage, "cadence": cadence, "trigger_event": triggerEvent,
        ], summary: ("title", title))
        // A task from the automation shows in the inbox by itself; only a person's hand-off is news.
        if assignee != m.actor.login && !m.actor.isAutomation {
            try m.notify(assignee, kind: "task", leadID: leadID, body: "\(m.actor.login) gave you a task: \(title)",
                         parameters: [m.actor.login, title])
        }
        return id
    }

    /// Completes the open tasks of `kind` on a lead (a follow-up fulfils the pending next action).
    static func completeOpen(leadID: Int64, kind: String, _ m: Mutation) throws {
        let ids = try Int64.fetchAll(m.db, sql: "SELECT id FROM task WHERE lead_id = ? AND kind = ? AND status = 'open'", arguments: [leadID, kind])
        for id in ids { try setStatus(id, .done, m) }
    }

    /// Cancels every open task on a lead (it was lost or returned).
    static func cancelOpen(leadID: Int64, _ m: Mutation) throws {
        let ids = try Int64.fetchAll(m.db, sql: "SELECT id FROM task WHERE lead_id = ? AND status = 'open'", arguments: [leadID])
        for id in ids { try setStatus(id, .cancelled, m) }
    }

    /// Completes or cancels task `id`.
    package static func setStatus(_ id: Int64, _ status: TaskStatus, _ m: Mutation) throws {
        try m.change(.task, .id(id), ["status": status.rawValue, "done_at": m.now.storage, "done_by": m.actor.login],
                     action: status == .done ? "complete" : "cancel", silent: ["done_at", "done_by"])
    }

    static let selection = """
        task.id, task.lead_id, task.assignee, task.title, task.kind, task.due_at, task.status, task.snoozed_until,
        task.created_by, task.created_at, task.done_at, task.version, task.overdue_at,
        (SELECT number FROM lead WHERE lead.id = task.lead_id) AS lead_number,
        (SELECT customer FROM lead WHERE lead.id = task.lead_id) AS lead_customer
        """
}

extension TaskItem {
    init(row: Row) {
        self.init(id: row["id"],
                  leadNumber: row["lead_number"],
                  leadCustomer: row["lead_customer"],
                  assignee: row["assignee"],
                  title: row["title"],
                  kind: row["kind"],
                  dueAt: (row["due_at"] as Double?).map(Date.init(storage:)),
                  status: row["status"],
                  snoozedUntil: (row["snoozed_until"] as Double?).map(Date.init(storage:)),
                  createdBy: row["created_by"],
                  createdAt: Date(storage: row["created_at"]),
                  doneAt: (row["done_at"] as Double?).map(Date.init(storage:)),
                  version: row["version"],
                  overdueAt: (row["overdue_at"] as Double?).map(Date.init(storage:)))
    }
}

/// Tasks: add, complete, snooze.
public struct TaskService: Sendable {
    let context: ClewContext
    public let actor: ActingUser

    public init(context: ClewContext, actor: ActingUser) {
        self.context = context
        self.actor = actor
    }

    /// Adds a task, on a lead or standalone, for `assignee` (default: the actor), as
    /// ``ClewDomain/TaskHandOff`` allows: anyone gives a colleague a task on a lead they can see.
    public func add(title: String, lead number: String?, assignee: String?, due: Date?) throws -> TaskItem {
        let title = TextNormalization.trimmed(title)
        guard !title.isEmpty else { throw TaskError.emptyTitle }
        return try context.mutate(as: actor) { m in
            let target = assignee ?? actor.login
            var leadID: Int64?
            if let number {
                let lead = try LeadLookup.require(m.db, number, for: .read, by: actor)
                try TaskHandOff.check(by: actor, to: target, on: lead.accessFacts, number: lead.number.description)
                leadID = lead.id
            } else {
                try TaskHandOff.check(by: actor, to: target, on: nil, number: nil)
            }
            if target != actor.login { _ = try UserDirectory.requireActive(m.db, login: target) }
            let id = try Tasks.insert(leadID: leadID, assignee: target, title: title, kind: "manual", due: due, m)
            return try Self.fetch(m.db, id: id)
        }
    }

    /// Marks a task done. The assignee, their supervisor, and admins may.
    @discardableResult
    public func complete(_ id: Int64) throws -> TaskItem {
        try context.mutate(as: actor) { m in
            let task = try requireOwnTask(id, m.db)
            guard task.status == .open else { throw TaskError.notOpen(id: id, status: task.status) }
            try Tasks.setStatus(id, .done, m)
            if let leadID = try Int64.fetchOne(m.db, sql: "SELECT lead_id FROM task WHERE id = ?", arguments: [id]),
               let lead = try LeadLookup.fetch(m.db, id: leadID) {
                _ = try context.publish(.taskCompleted(id), on: lead, m)
            }
            return try Self.fetch(m.db, id: id)
        }
    }

    /// Snoozes an open task until `date`.
    @discardableResult
    public func snooze(_ id: Int64, until date: Date) throws -> TaskItem {
        try context.mutate(as: actor) { m in
            let task = try requireOwnTask(id, m.db)
            guard task.status == .open else { throw TaskError.notOpen(id: id, status: task.status) }
            guard date > m.now else { throw TaskError.snoozeInThePast }
            try m.change(.task, .id(id), ["snoozed_until": date.storage, "overdue_at": nil], action: "snooze", silent: ["overdue_at"])
            return try Self.fetch(m.db, id: id)
        }
    }

    private func requireOwnTask(_ id: Int64, _ db: Database) throws -> TaskItem {
        guard let task = try? Self.fetch(db, id: id),
              task.assignee == actor.login || actor.role == .admin || actor.team.contains(task.assignee)
        else { throw StoreError.notFound("no task #\(id) of yours") }
        return task
    }

    static func fetch(_ db: Database, id: Int64) throws -> TaskItem {
        guard let row = try Row.fetchOne(db, sql: "SELECT \(Tasks.selection) FROM task WHERE id = ?", arguments: [id]) else {
            throw StoreError.notFound("no task #\(id)")
        }
        return TaskItem(row: row)
    }
}

extension TaskStatus: DatabaseValueConvertible {}
