import ClewDomain
import Foundation

/// Tasks (待办): add one, complete it, snooze it.
public protocol TaskUseCases: Sendable {
    /// Adds a task for `assignee` (the actor when nil), on lead `number` when given.
    @discardableResult
    func add(title: String, lead number: String?, assignee: String?, due: Date?) throws -> TaskItem
    /// Completes one of the actor's tasks.
    @discardableResult
    func complete(_ id: Int64) throws -> TaskItem
    /// Hides one of the actor's tasks until `date`.
    @discardableResult
    func snooze(_ id: Int64, until date: Date) throws -> TaskItem
}
