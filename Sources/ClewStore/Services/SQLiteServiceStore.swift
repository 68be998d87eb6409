import ClewDomain
import ClewServices
import Foundation
import GRDB

/// The store's ports over SQLite (issue 9): each transaction is one GRDB transaction, and its
/// repositories write through ``Mutation``, so every change is versioned and audited in it.
/// Events published in a write go to the context's automation, in the same transaction.
public struct SQLiteServiceStore: ServiceStore {
    let context: ClewContext

    public init(context: ClewContext) {
        self.context = context
    }

    public var now: Date { context.clock.now() }

    public func read<T>(_ body: (any StoreTransaction) throws -> T) throws -> T {
        let now = context.clock.now()
        return try context.read { db in try body(SQLiteTransaction(db: db, mutation: nil, context: context, now: now)) }
    }

    public func write<T>(as actor: ActingUser, _ body: (any StoreTransaction) throws -> T) throws -> T {
        try context.mutate(as: actor) { m in try body(SQLiteTransaction(db: m.db, mutation: m, context: context, now: m.now)) }
    }
}

extension ClewContext {
    /// The ports over mutation `m`'s transaction: how code still on ``Mutation`` runs a use
    /// case's step that has moved to `ClewServices` inside the same transaction.
    ///
    /// - Parameter depth: how many automated changes led here (a trigger's own move is one
    ///   deeper than the event that fired it): what the events this transaction publishes carry.
    package func transaction(_ m: Mutation, depth: Int = 0) -> any StoreTransaction {
        SQLiteTransaction(db: m.db, mutation: m, context: self, now: m.now, depth: depth)
    }
}

/// One transaction of ``SQLiteServiceStore``: a read one has no ``Mutation``.
struct SQLiteTransaction: StoreTransaction {
    let db: Database
    private(set) var mutation: Mutation?
    let context: ClewContext
    let now: Date
    /// The rules as the context brought them up to date when the transaction began
    /// (``ClewContext/read(_:)``), taken once: another session refreshing the shared rules
    /// meanwhile does not change them under this transaction.
    let rules: ProcessRules
    /// How many automated changes led to this transaction's writes (``ClewContext/transaction(_:depth:)``).
    let depth: Int

    init(db: Database, mutation: Mutation?, context: ClewContext, now: Date, depth: Int = 0) {
        self.db = db
        self.mutation = mutation
        self.context = context
        self.now = now
        self.depth = depth
        rules = ProcessRules(process: context.process, calendar: context.calendar)
    }

    var actor: ActingUser? { mutation?.actor }
    var leads: any LeadRepository { SQLiteLeads(db: db, mutation: mutation, rules: rules) }
    var tasks: any TaskRepository { SQLiteTasks(db: db, mutation: mutation) }
    var users: any UserRepository { SQLiteUsers(db: db) }
    var notifications: any NotificationRepository { SQLiteNotifications(db: db, mutation: mutation) }
    var approvals: any ApprovalRepository { SQLiteApprovals(db: db, mutation: mutation) }
    var tags: any TagRepository { SQLiteTags(db: db, mutation: mutation) }
    var followUps: any FollowUpRepository { SQLiteFollowUps(db: db, mutation: mutation, rules: rules) }
    var deals: any DealRepository { SQLiteDeals(db: db, mutation: mutation, context: context) }
    var firings: any FiringLog { SQLiteFirings(db: db, mutation: mutation) }

    func notify(_ recipient: String, kind: String, text: String?, leadID: Int64?, body: String, parameters: [String]) throws {
        try Self.writing(mutation).notify(recipient, kind: kind, text: text, leadID: leadID, body: body, parameters: parameters)
    }

    var automated: any StoreTransaction {
        var automated = self
        automated.mutation = Self.writing(mutation).automated
        return automated
    }

    func publish(_ event: DomainEvent, on lead: Lead) throws -> Lead {
        try context.publish(event, on: lead, depth: depth, Self.writing(mutation))
    }

    func history(of entity: String) throws -> [AuditEntry] {
        try Row.fetchAll(db, sql: """
            SELECT id, at, actor, via, action, entity, entity_id, field, old, new FROM audit WHERE entity = ? ORDER BY id
            """, arguments: [entity]).map(AuditEntry.init(row:))
    }

    /// The transaction's mutation; a write in a read transaction is a programming error.
    static func writing(_ mutation: Mutation?) -> Mutation {
        guard let mutation else { preconditionFailure("a write in a read transaction") }
        return mutation
    }
}

/// ``ClewServices/LeadRepository`` over the `lead` table; its writes go through ``Mutation``
/// (versioned, audited, checked per field).
struct SQLiteLeads: LeadRepository {
    let db: Database
    var mutation: Mutation?
    /// The transaction's rules: the SLA a stage entry's summary is kept by (nil: the lead is
    /// only read, or written by code with no stage to enter).
    var rules: ProcessRules?

    init(db: Database, mutation: Mutation? = nil, rules: ProcessRules? = nil) {
        self.db = db
        self.mutation = mutation
        self.rules = rules
    }

    func lead(number: LeadNumber) throws -> Lead? { try LeadLookup.fetch(db, number: number) }
    func lead(id: Int64) throws -> Lead? { try LeadLookup.fetch(db, id: id) }

    func awaitingConfirmation(owner: String, limit: Int) throws -> [Lead] {
        try Lead.fetchAll(db, sql: "SELECT \(Lead.selection) FROM lead WHERE owner = ? AND status = 'assigned' ORDER BY status_changed_at, id LIMIT ?",
                          arguments: [owner, limit])
    }
}

/// ``ClewServices/TaskRepository`` over the `task` table, audited through ``Mutation``.
struct SQLiteTasks: TaskRepository {
    let db: Database
    let mutation: Mutation?

    func task(id: Int64) throws -> TaskItem? { try Tasks.fetch(db, id: id) }

    func hasTask(onLead leadID: Int64, for login: String) throws -> Bool { try LeadLookup.hasTask(on: leadID, for: login, db) }

    func open(onLead leadID: Int64) throws -> [OpenLeadTask] {
        try Row.fetchAll(db, sql: "SELECT id, kind, trigger_event FROM task WHERE lead_id = ? AND status = 'open' ORDER BY id", arguments: [leadID])
            .map { OpenLeadTask(id: $0["id"], kind: $0["kind"], triggerEvent: $0["trigger_event"]) }
    }

    func recordCancelReason(_ reason: String, ofTask id: Int64) throws {
        try SQLiteTransaction.writing(mutation).change(.task, .id(id), ["cancel_reason": reason], action: "cancel-reason")
    }

    func open(assignee: String, dueBefore horizon: Date, limit: Int) throws -> [TaskItem] {
        // A task with no date sorts first (NULL), as the port says.
        try Row.fetchAll(db, sql: """
            SELECT \(Tasks.selection) FROM task
            WHERE assignee = ? AND status = 'open' AND coalesce(snoozed_until, due_at, ?) < ?
            ORDER BY coalesce(snoozed_until, due_at), id LIMIT ?
            """, arguments: [assignee, horizon.storage - 1, horizon.storage, limit]).map(TaskItem.init(row:))
    }

    func nextDue(onLeads ids: [Int64]) throws -> [Int64: Date] {
        var due: [Int64: Date] = [:]
        // Each lead's open tasks through task_lead(lead_id, status).
        try SQLiteLeads.inChunks(ids) { chunk, marks in
            for row in try Row.fetchAll(db, sql: """
                SELECT lead_id, min(coalesce(snoozed_until, due_at)) AS due FROM task INDEXED BY task_lead
                WHERE lead_id IN (\(marks)) AND status = 'open' GROUP BY lead_id
                """, arguments: StatementArguments(chunk)) {
                if let at = row["due"] as Double? { due[row["lead_id"]] = Date(storage: at) }
            }
        }
        return due
    }

    func insert(_ task: NewTask) throws -> Int64 {
        try Tasks.insertRecord(leadID: task.leadID, assignee: task.assignee, title: task.title, kind: task.kind, due: task.due,
                               SQLiteTransaction.writing(mutation))
    }

    func close(_ id: Int64, as status: TaskStatus) throws {
        try Tasks.setStatus(id, status, SQLiteTransaction.writing(mutation))
    }

    func snooze(_ id: Int64, until date: Date) throws {
        try SQLiteTransaction.writing(mutation).change(.task, .id(id), ["snoozed_until": date.storage, "overdue_at": nil],
                                                       action: "snooze", silent: ["overdue_at"])
    }

    func history(ofTask id: Int64) throws -> [AuditEntry] {
        try Row.fetchAll(db, sql: """
            SELECT id, at, actor, via, action, entity, entity_id, field, old, new FROM audit
            WHERE entity = 'task' AND entity_id = ? ORDER BY id
            """, arguments: [id]).map(AuditEntry.init(row:))
    }
}

/// ``ClewServices/UserRepository`` over the `user` table.
struct SQLiteUsers: UserRepository {
    let db: Database

    func profile(login: String) throws -> UserProfile? { try UserDirectory.profile(db, login: login) }
    func logins() throws -> [String] { try String.fetchAll(db, sql: "SELECT login FROM user") }
    func workloads() throws -> [AssignmentSuggestion.Candidate] { try Workloads.candidates(db) }
    func workload(of login: String) throws -> Int { try BoardTally.openLeads(db, owner: login) }

    func active(in roles: Set<Role>) throws -> [UserProfile] {
        guard !roles.isEmpty else { return [] }
        let marks = Array(repeating: "?", count: roles.count).joined(separator: ", ")
        return try Row.fetchAll(db, sql: "SELECT \(UserProfile.selection) FROM user WHERE active = 1 AND role IN (\(marks)) ORDER BY login",
                                arguments: StatementArguments(roles.map(\.rawValue))).map(UserProfile.init(row:))
    }
}
