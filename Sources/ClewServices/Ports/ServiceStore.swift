import ClewDomain
import Foundation

/// What the use cases run on: a store that opens one read or write transaction at a time and
/// hands the use case that transaction's repositories (issue 9's ports).
///
/// A write transaction commits all it did or nothing, and every change it makes to an audited
/// record is versioned and audited in it. The SQLite store (`SQLiteServiceStore`, in
/// `ClewStore`) and the in-memory one (`InMemoryStore`, in `ClewMemoryStore`) both implement
/// it and pass the same conformance suite; a PostgreSQL store will have to as well.
///
/// ```swift
/// let task = try store.write(as: actor) { tx in
///     let id = try tx.tasks.insert(NewTask(assignee: actor.login, title: "回访", kind: "manual"))
///     return try tx.tasks.task(id: id)
/// }
/// ```
public protocol ServiceStore: Sendable {
    /// The store's clock: what "now" is for the use cases.
    var now: Date { get }
    /// Runs `body` in one read transaction: it sees one consistent state, and writes through it
    /// are a programming error.
    func read<T>(_ body: (any StoreTransaction) throws -> T) throws -> T
    /// Runs `body` in one write transaction as `actor`: everything it did commits when it
    /// returns, nothing when it throws.
    func write<T>(as actor: ActingUser, _ body: (any StoreTransaction) throws -> T) throws -> T
}

/// One open transaction: its repositories, who acts and when, and what the change tells others.
public protocol StoreTransaction {
    /// Who makes the change (in a read transaction: nobody writes).
    var actor: ActingUser? { get }
    /// The moment the transaction acts at (one clock reading for all its rows).
    var now: Date { get }
    /// The leads.
    var leads: any LeadRepository { get }
    /// The tasks (待办).
    var tasks: any TaskRepository { get }
    /// The users.
    var users: any UserRepository { get }
    /// The notifications (inbox messages).
    var notifications: any NotificationRepository { get }
    /// The approval requests (审批).
    var approvals: any ApprovalRepository { get }
    /// The manual tags on leads.
    var tags: any TagRepository { get }
    /// The follow-ups logged on leads.
    var followUps: any FollowUpRepository { get }
    /// The contracts and opportunities deals become.
    var deals: any DealRepository { get }
    /// The log of rules that fired (claims, timers, triggers).
    var firings: any FiringLog { get }
    /// The process definition and calendar in force for this transaction (as last committed
    /// when it began).
    var rules: ProcessRules { get }
    /// Puts a notification in `recipient`'s inbox (never in the actor's own): `text` names the
    /// kind's catalogue text (nil: the kind's one text) and `parameters` are what it says, in
    /// order, so a reader's interface writes it in its language.
    func notify(_ recipient: String, kind: String, text: String?, leadID: Int64?, body: String, parameters: [String]) throws
    /// This transaction acting as the automation layer on the actor's behalf
    /// (``ClewDomain/ActingUser/automation(via:)``, the actor recorded as `via`): what scoring's
    /// own notices are sent as. The automation's transaction is itself.
    var automated: any StoreTransaction { get }
    /// The audit rows about records of `entity` (`notification`, `approval`, …; as
    /// ``AuditEntry/entity`` names them), oldest first.
    func history(of entity: String) throws -> [AuditEntry]
    /// Publishes `event` on `lead`: whatever acts on events (the automation layer) handles it in
    /// this transaction. Returns the lead as the handlers left it.
    func publish(_ event: DomainEvent, on lead: Lead) throws -> Lead
}

extension StoreTransaction {
    /// ``notify(_:kind:text:leadID:body:parameters:)`` with the kind's one text.
    public func notify(_ recipient: String, kind: String, leadID: Int64?, body: String, parameters: [String]) throws {
        try notify(recipient, kind: kind, text: nil, leadID: leadID, body: body, parameters: parameters)
    }
}
