import ClewDomain
import Foundation

/// A task about to be stored: what the use case decided, before the store gives it an id.
public struct NewTask: Hashable, Sendable {
    /// The lead it is about, if any.
    public var leadID: Int64?
    public var assignee: String
    public var title: String
    /// `manual`, `next-action`, or a rule's kind.
    public var kind: String
    public var due: Date?

    public init(leadID: Int64? = nil, assignee: String, title: String, kind: String, due: Date? = nil) {
        self.leadID = leadID
        self.assignee = assignee
        self.title = title
        self.kind = kind
        self.due = due
    }
}

extension NewTask {
    /// The kinds of task the use cases make themselves (a rule's tasks are kinded by the rule).
    public enum Kind {
        /// Made by hand (`clew task add`, the inbox).
        public static let manual = "manual"
        /// A follow-up's next action (下一步行动), done by the lead's next follow-up.
        public static let nextAction = "next-action"
    }
}

/// The tasks of a transaction. Every write is versioned and audited in the transaction
/// (`create`, `complete`, `cancel`, `snooze`), as ``history(ofTask:)`` shows.
public protocol TaskRepository {
    /// Task `id`, with its lead's number and customer; nil when there is none.
    func task(id: Int64) throws -> TaskItem?
    /// `assignee`'s open tasks that fall due (their snooze, else their due time) before
    /// `horizon`, and those with neither, soonest first — those with neither come first —, at
    /// most `limit`.
    func open(assignee: String, dueBefore horizon: Date, limit: Int) throws -> [TaskItem]
    /// Whether `login` has a task, open or done (not cancelled), on lead `leadID`: such a
    /// colleague may read the lead.
    func hasTask(onLead leadID: Int64, for login: String) throws -> Bool
    /// When the next open task of each of leads `ids` falls due (its snooze, else its due time),
    /// for those that have a dated one.
    func nextDue(onLeads ids: [Int64]) throws -> [Int64: Date]
    /// The open tasks on lead `leadID`, by id: what is cancelled when the lead leaves its owner
    /// or closes, or completed by the follow-up that does them.
    func open(onLead leadID: Int64) throws -> [OpenLeadTask]
    /// Stores a new open task made by the transaction's actor; returns its id.
    func insert(_ task: NewTask) throws -> Int64
    /// Closes task `id` as `status` (`done` or `cancelled`), by the actor, now.
    func close(_ id: Int64, as status: TaskStatus) throws
    /// Records why task `id` was cancelled (`lead won`, `lead lost: 预算不足`), audited
    /// `cancel-reason`.
    func recordCancelReason(_ reason: String, ofTask id: Int64) throws
    /// Hides open task `id` until `date` (and clears its overdue mark).
    func snooze(_ id: Int64, until date: Date) throws
    /// Task `id`'s audit rows, oldest first.
    func history(ofTask id: Int64) throws -> [AuditEntry]
}

/// An open task on a lead, as the use cases that close or hand over the lead decide about it.
public struct OpenLeadTask: Hashable, Sendable {
    public var id: Int64
    /// `manual`, `next-action`, or a rule's kind.
    public var kind: String
    /// The event a cadence or trigger made it for (`lead-won`: work after the sale), if any.
    public var triggerEvent: String?

    /// A value with each of its fields given.
    public init(id: Int64, kind: String, triggerEvent: String? = nil) {
        self.id = id
        self.kind = kind
        self.triggerEvent = triggerEvent
    }
}

extension TaskRepository {
    /// The open tasks on lead `leadID` (of `kind` only, when given), by id.
    public func openIDs(onLead leadID: Int64, kind: String? = nil) throws -> [Int64] {
        try open(onLead: leadID).filter { kind == nil || $0.kind == kind }.map(\.id)
    }
}
