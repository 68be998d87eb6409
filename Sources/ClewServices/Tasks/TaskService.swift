import ClewDomain
import Foundation

/// Tasks (待办): add, complete, snooze — over the store's ports, so the same use cases run on
/// SQLite, in memory (tests) and on any store that passes the conformance suite.
public struct TaskService: TaskUseCases {
    let store: any ServiceStore
    public let actor: ActingUser

    public init(store: any ServiceStore, actor: ActingUser) {
        self.store = store
        self.actor = actor
    }

    /// Adds a task, on a lead or standalone, for `assignee` (default: the actor), as
    /// ``ClewDomain/TaskHandOff`` allows: anyone gives a colleague a task on a lead they can see.
    /// A colleague given a task is notified.
    ///
    /// - Throws: `TaskError.emptyTitle`, `PermissionError`, ``IdentityError/unknownUser(_:suggestion:)``,
    ///   `UserDirectoryError.deactivated`.
    public func add(title: String, lead number: String?, assignee: String?, due: Date?) throws -> TaskItem {
        let title = TextNormalization.trimmed(title)
        guard !title.isEmpty else { throw TaskError.emptyTitle }
        return try store.write(as: actor) { tx in
            let target = assignee ?? actor.login
            var leadID: Int64?
            if let number {
                let lead = try tx.requireLead(number, for: .read, by: actor)
                try TaskHandOff.check(by: actor, to: target, on: lead.accessFacts, number: lead.number.description)
                leadID = lead.id
            } else {
                try TaskHandOff.check(by: actor, to: target, on: nil, number: nil)
            }
            if target != actor.login { _ = try tx.users.requireActive(target) }
            let id = try tx.tasks.insert(NewTask(leadID: leadID, assignee: target, title: title, kind: "manual", due: due))
            // A person's hand-off is news to the colleague; the automation's tasks show by themselves.
            if target != actor.login && !actor.isAutomation {
                try tx.notify(target, kind: "task", leadID: leadID, body: "\(actor.login) gave you a task: \(title)",
                              parameters: [actor.login, title])
            }
            return try Self.require(id, tx)
        }
    }

    /// Marks a task done; the automation hears of it (`taskCompleted`) when it is on a lead.
    /// The assignee, their supervisor, and admins may.
    ///
    /// - Throws: ``StoreError/notFound(_:)`` for a task that is not the actor's to close,
    ///   `TaskError.notOpen`.
    @discardableResult
    public func complete(_ id: Int64) throws -> TaskItem {
        try store.write(as: actor) { tx in
            let task = try requireOwnTask(id, tx)
            guard task.status == .open else { throw TaskError.notOpen(id: id, status: task.status) }
            try tx.tasks.close(id, as: .done)
            if let number = task.leadNumber.flatMap(LeadNumber.init), let lead = try tx.leads.lead(number: number) {
                _ = try tx.publish(.taskCompleted(id), on: lead)
            }
            return try Self.require(id, tx)
        }
    }

    /// Snoozes an open task until `date`, which must be later than now.
    ///
    /// - Throws: ``StoreError/notFound(_:)``, `TaskError.notOpen`, `TaskError.snoozeInThePast`.
    @discardableResult
    public func snooze(_ id: Int64, until date: Date) throws -> TaskItem {
        try store.write(as: actor) { tx in
            let task = try requireOwnTask(id, tx)
            guard task.status == .open else { throw TaskError.notOpen(id: id, status: task.status) }
            guard date > tx.now else { throw TaskError.snoozeInThePast }
            try tx.tasks.snooze(id, until: date)
            return try Self.require(id, tx)
        }
    }

    /// Task `id`, when it is the actor's own, their team's (a supervisor) or the actor is an admin.
    private func requireOwnTask(_ id: Int64, _ tx: any StoreTransaction) throws -> TaskItem {
        guard let task = try tx.tasks.task(id: id),
              task.assignee == actor.login || actor.role == .admin || actor.team.contains(task.assignee)
        else { throw StoreError.notFound("no task #\(id) of yours") }
        return task
    }

    private static func require(_ id: Int64, _ tx: any StoreTransaction) throws -> TaskItem {
        guard let task = try tx.tasks.task(id: id) else { throw StoreError.notFound("no task #\(id)") }
        return task
    }
}
