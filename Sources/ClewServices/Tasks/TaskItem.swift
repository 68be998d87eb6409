import ClewDomain
import Foundation

/// A task (待办) in someone's inbox.
public struct TaskItem: Hashable, Sendable, Codable {
    public var id: Int64
    public var leadNumber: String?
    public var leadCustomer: String?
    public var assignee: String
    public var title: String
    /// `manual`, `next-action`, or a rule's kind.
    public var kind: String
    public var dueAt: Date?
    public var status: TaskStatus
    public var snoozedUntil: Date?
    public var createdBy: String
    public var createdAt: Date
    public var doneAt: Date?
    public var version: Int
    /// When the tick marked it overdue, if it has.
    public var overdueAt: Date?

    /// When the task is next due: the snooze time if snoozed, else the due date.
    public var effectiveDue: Date? { snoozedUntil ?? dueAt }

    /// A value with each of its fields given.
    public init(id: Int64, leadNumber: String? = nil, leadCustomer: String? = nil, assignee: String, title: String, kind: String,
                dueAt: Date? = nil, status: TaskStatus, snoozedUntil: Date? = nil, createdBy: String, createdAt: Date, doneAt: Date? = nil,
                version: Int, overdueAt: Date? = nil) {
        self.id = id
        self.leadNumber = leadNumber
        self.leadCustomer = leadCustomer
        self.assignee = assignee
        self.title = title
        self.kind = kind
        self.dueAt = dueAt
        self.status = status
        self.snoozedUntil = snoozedUntil
        self.createdBy = createdBy
        self.createdAt = createdAt
        self.doneAt = doneAt
        self.version = version
        self.overdueAt = overdueAt
    }
}
