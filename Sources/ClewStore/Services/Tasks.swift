import ClewDomain
import ClewServices
import Foundation
import GRDB

/// Task rows, shared by the services that create and close them.
package enum Tasks {
    /// Creates a task (audited); `cadence` and `triggerEvent` name what scheduled it.
    package static func insert(leadID: Int64?, assignee: String, title: String, kind: String, due: Date?,
                       cadence: String? = nil, triggerEvent: String? = nil, _ m: Mutation) throws -> Int64 {
        let id = try insertRecord(leadID: leadID, assignee: assignee, title: title, kind: kind, due: due, cadence: cadence,
                                  triggerEvent: triggerEvent, m)
        // A task from the automation shows in the inbox by itself; only a person's hand-off is news.
        if assignee != m.actor.login && !m.actor.isAutomation {
            try m.notify(assignee, kind: "task", leadID: leadID, body: "\(m.actor.login) gave you a task: \(title)",
                         parameters: [m.actor.login, title])
        }
        return id
    }

    /// Stores a task and its "create" audit row, telling nobody (``insert(leadID:assignee:title:kind:due:cadence:triggerEvent:_:)``
    /// notifies a colleague given one); returns its id.
    static func insertRecord(leadID: Int64?, assignee: String, title: String, kind: String, due: Date?,
                             cadence: String? = nil, triggerEvent: String? = nil, _ m: Mutation) throws -> Int64 {
        try m.insert(into: .task, [
            "lead_id": leadID, "assignee": assignee, "title": title, "kind": kind, "due_at": due?.storage,
            "created_by": m.actor.login, "created_at": m.now.storage, "cadence": cadence, "trigger_event": triggerEvent,
        ], summary: ("title", title))
    }

    /// Task `id` with its lead's number and customer.
    package static func fetch(_ db: Database, id: Int64) throws -> TaskItem? {
        try Row.fetchOne(db, sql: "SELECT \(selection) FROM task WHERE id = ?", arguments: [id]).map(TaskItem.init(row:))
    }

    /// The open tasks on lead `leadID` (of `kind` only, when given), by id.
    static func openIDs(onLead leadID: Int64, kind: String? = nil, _ db: Database) throws -> [Int64] {
        try Int64.fetchAll(db, sql: "SELECT id FROM task WHERE lead_id = ? AND status = 'open' AND (? IS NULL OR kind = ?) ORDER BY id",
                           arguments: [leadID, kind, kind])
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

extension TaskService {
    /// The task use cases over this database (``SQLiteServiceStore``).
    public init(context: ClewContext, actor: ActingUser) {
        self.init(store: SQLiteServiceStore(context: context), actor: actor)
    }
}

extension TaskStatus: DatabaseValueConvertible {}
