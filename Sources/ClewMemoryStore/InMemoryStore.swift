import ClewDomain
import ClewServices
import Foundation

/// A whole store in memory, behind the same ports as the SQLite store (issue 9): the leads,
/// users, tasks, notifications, audit trail and published events of a test, with no file.
///
/// Its transactions are real. A write works on a copy of the state and replaces the state only
/// when its body returns, so a use case that throws half-way leaves nothing behind; writes run
/// one at a time; a read sees one consistent state. Every change of a task is versioned and
/// audited as the SQLite store does it, and `Tests/ClewPortConformanceTests` runs the same suite
/// on both. Events are recorded (``publishedEvents``), not acted on: no automation runs here.
///
/// ```swift
/// let store = InMemoryStore(users: [alice], leads: [lead], now: { fixedDate })
/// let tasks = TaskService(store: store, actor: ActingUser(profile: alice))
/// let task = try tasks.add(title: "回访", lead: "XL-20261203-001", assignee: nil, due: nil)
/// ```
public final class InMemoryStore: ServiceStore, @unchecked Sendable {
    /// A notification put in someone's inbox.
    public struct Notification: Hashable, Sendable {
        public var id: Int64
        public var recipient: String
        public var kind: String
        /// The kind's catalogue text it is written with (nil: the kind's one text).
        public var text: String?
        public var leadID: Int64?
        public var actor: String
        public var body: String
        public var parameters: [String]
        public var at: Date
        /// When the recipient read it; nil while unread.
        public var readAt: Date?

        public init(id: Int64, recipient: String, kind: String, text: String? = nil, leadID: Int64?, actor: String, body: String,
                    parameters: [String], at: Date, readAt: Date? = nil) {
            self.id = id
            self.recipient = recipient
            self.kind = kind
            self.text = text
            self.leadID = leadID
            self.actor = actor
            self.body = body
            self.parameters = parameters
            self.at = at
            self.readAt = readAt
        }
    }

    /// An event a write transaction published, on the lead it names.
    public struct PublishedEvent: Hashable, Sendable {
        public var event: DomainEvent
        public var leadID: Int64

        public init(event: DomainEvent, leadID: Int64) {
            self.event = event
            self.leadID = leadID
        }
    }

    /// A lead's opportunity (商机), as far as closing the lead changes it.
    public struct Opportunity: Hashable, Sendable {
        public var id: Int64
        public var status: OpportunityStatus
        /// Its amount: expected while open, won for once won.
        public var amount: Money?
        /// The customer it is for, by id.
        public var customerID: Int64?
        public var owner: String?

        public init(id: Int64, status: OpportunityStatus, amount: Money? = nil, customerID: Int64? = nil, owner: String? = nil) {
            self.id = id
            self.status = status
            self.amount = amount
            self.customerID = customerID
            self.owner = owner
        }
    }

    /// Where a lead owned now came from: the pool, and when it was handed over.
    public struct PoolOrigin: Hashable, Sendable {
        public var pool: String
        public var assignedAt: Date

        public init(pool: String, assignedAt: Date) {
            self.pool = pool
            self.assignedAt = assignedAt
        }
    }

    /// The store's data; a write transaction changes a copy.
    struct State {
        var leads: [Int64: Lead] = [:]
        var leadIDs: [LeadNumber: Int64] = [:]
        var users: [String: UserProfile] = [:]
        var tasks: [Int64: TaskRecord] = [:]
        var notifications: [Notification] = []
        var approvals: [Int64: ApprovalRecord] = [:]
        /// The follow-ups logged, oldest first (`follow_up`).
        var followUps: [FollowUpRecord] = []
        var lastFollowUpID: Int64 = 0
        /// The contracts the pipeline opened, by their lead's id (`contract`).
        var contracts: [Int64: ContractRecord] = [:]
        /// Each lead's opportunity, by the lead's id (`opportunity`).
        var opportunities: [Int64: Opportunity] = [:]
        var lastOpportunityID: Int64 = 0
        /// The customers deals became, by id (`customer`).
        var customers: [Int64: CustomerRecord] = [:]
        var lastCustomerID: Int64 = 0
        /// The customers' contacts (`contact`).
        var contacts: [ContactRecord] = []
        var lastContractID: Int64 = 0
        /// The manual tag records (`lead_tag`), by id.
        var tagRecords: [Int64: TagRecord] = [:]
        var lastTagRecordID: Int64 = 0
        var firings: [FiringRecord] = []
        /// When each lead was last handed to its owner (the SQLite store's `assigned_at`).
        var assignedAt: [Int64: Date] = [:]
        /// The pool each lead returns to (`home_pool`): the one it was claimed from or routed through.
        var homePools: [Int64: String] = [:]
        /// When each closed lead was won or lost (`closed_at`).
        var closedAt: [Int64: Date] = [:]
        /// When each converted lead was first converted (`converted_at`).
        var convertedAt: [Int64: Date] = [:]
        /// Each lead's stays in stages, oldest first (`stage_history`).
        var stageVisits: [Int64: [StageVisit]] = [:]
        /// The score breakdowns stored with leads (`score_parts`).
        var scoreParts: [Int64: String] = [:]
        /// The behaviour events recorded on each lead, oldest first (`lead_event`).
        var leadEvents: [Int64: [String]] = [:]
        /// The notes on each lead, oldest first.
        var notes: [Int64: [NoteEntry]] = [:]
        var rules: ProcessRules
        var audit: [AuditEntry] = []
        /// The record version each audit row's change produced, by the row's id (the SQLite
        /// store's `audit.version`): what a per-field edit check reads.
        var auditVersions: [Int64: Int] = [:]
        var events: [PublishedEvent] = []
        var lastTaskID: Int64 = 0
        var lastNotificationID: Int64 = 0
        var lastApprovalID: Int64 = 0
        var lastNoteID: Int64 = 0
        var lastLeadID: Int64 = 0
        /// The last number handed out per day (`lead_sequence`).
        var leadSequences: [CalendarDay: Int] = [:]
        /// The lead each lead follows (a repeat purchase, a lead coming back), by id
        /// (`previous_lead_id`).
        var previousLeadIDs: [Int64: Int64] = [:]
        /// The customer of each won lead's latest opportunity.
        var opportunityCustomers: [Int64: Int64] = [:]
        var lastAuditID: Int64 = 0
    }

    // NSLock rather than an actor: the ports are synchronous, as GRDB's transactions are.
    private let lock = NSLock()
    private var state: State
    private let clock: @Sendable () -> Date

    /// A store holding `users` and `leads` (kept as given: their ids must be unique and non-zero),
    /// under `process` and `calendar` until ``apply(process:)`` or ``apply(calendar:)``.
    public init(users: [UserProfile] = [], leads: [Lead] = [], process: ProcessDefinition = .standard,
                calendar: WorkingCalendar = .standard(), now: @escaping @Sendable () -> Date = { Date() }) {
        clock = now
        state = State(rules: ProcessRules(process: process, calendar: calendar))
        for user in users { state.users[user.login] = user }
        for lead in leads {
            precondition(lead.id != 0 && state.leads[lead.id] == nil, "lead \(lead.number) needs an id of its own")
            state.leads[lead.id] = lead
            state.leadIDs[lead.number] = lead.id
            // The day's counter past the numbers given, as registering them would have left it.
            state.leadSequences[lead.number.day] = max(state.leadSequences[lead.number.day] ?? 0, lead.number.sequence)
        }
        for lead in leads {
            if let previous = lead.previousLead, let id = state.leadIDs[previous] { state.previousLeadIDs[lead.id] = id }
        }
    }

    public var now: Date { clock() }

    public func read<T>(_ body: (any StoreTransaction) throws -> T) throws -> T {
        let snapshot = lock.withLock { state }
        return try body(InMemoryTransaction(state: StateBox(snapshot), actor: nil, now: clock()))
    }

    public func write<T>(as actor: ActingUser, _ body: (any StoreTransaction) throws -> T) throws -> T {
        // One writer at a time, as SQLite's write lock; a body never opens another transaction.
        lock.lock()
        defer { lock.unlock() }
        let box = StateBox(state)
        let result = try body(InMemoryTransaction(state: box, actor: actor, now: clock()))
        state = box.state
        return result
    }

    /// Applies `process`: every transaction that begins after this runs under it, as when a
    /// process file is applied to a shared database.
    public func apply(process: ProcessDefinition) { lock.withLock { state.rules.process = process } }

    /// Applies `calendar` (holidays, make-up days) for every transaction that begins after this.
    public func apply(calendar: WorkingCalendar) { lock.withLock { state.rules.calendar = calendar } }

    /// Notes that lead `id`, owned now, came from `origin`'s pool (a test's history: routing
    /// still writes it through the SQLite store only).
    public func setPoolOrigin(_ origin: PoolOrigin?, ofLead id: Int64) {
        lock.withLock {
            state.homePools[id] = origin?.pool
            state.assignedAt[id] = origin?.assignedAt
        }
    }

    /// Notes that won lead `id`'s latest opportunity is for customer `customer` (the conversion
    /// still runs on the SQLite store only).
    public func setOpportunityCustomer(_ customer: Int64?, ofLead id: Int64) { lock.withLock { state.opportunityCustomers[id] = customer } }

    /// Notes that lead `id` was converted into `opportunity` (converting still runs on the
    /// SQLite store only).
    public func setOpportunity(_ opportunity: Opportunity?, ofLead id: Int64) { lock.withLock { state.opportunities[id] = opportunity } }

    /// Stores the score breakdown `parts` with lead `id`, as scoring leaves it.
    public func setScoreParts(_ parts: String?, ofLead id: Int64) { lock.withLock { state.scoreParts[id] = parts } }

    /// Every rule firing logged, oldest first.
    public var firings: [FiringRecord] { lock.withLock { state.firings } }

    /// Every notification, oldest first.
    public var notifications: [Notification] { lock.withLock { state.notifications } }
    /// Every event published by a committed write, oldest first.
    public var publishedEvents: [PublishedEvent] { lock.withLock { state.events } }
    /// The notes on lead `id`, oldest first.
    public func notes(onLead id: Int64) -> [NoteEntry] { lock.withLock { state.notes[id] ?? [] } }
    /// The follow-ups logged on lead `id`, oldest first.
    public func followUps(onLead id: Int64) -> [FollowUpEntry] {
        lock.withLock { state.followUps.filter { $0.leadID == id }.map(\.entry) }
    }
    /// The behaviour events recorded on lead `id`, oldest first.
    public func events(onLead id: Int64) -> [String] { lock.withLock { state.leadEvents[id] ?? [] } }
    /// The whole audit trail, oldest first.
    public var auditTrail: [AuditEntry] { lock.withLock { state.audit } }
}

/// A rule's firing as the in-memory store logs it.
public struct FiringRecord: Hashable, Sendable {
    public var id: Int64
    public var firing: NewFiring
    public var outcome: FiringOutcome
    public var at: Date
}

/// A task as the in-memory store keeps it (its lead by id, as the `task` table does).
struct TaskRecord {
    var id: Int64
    var leadID: Int64?
    var assignee: String
    var title: String
    var kind: String
    var dueAt: Date?
    var status: TaskStatus
    var snoozedUntil: Date?
    var createdBy: String
    var createdAt: Date
    var doneAt: Date?
    var doneBy: String?
    var version: Int
    var overdueAt: Date?
    /// The event a cadence or trigger made it for (none here: the automation runs on SQLite).
    var triggerEvent: String?
    /// Why it was cancelled, when its lead closed.
    var cancelReason: String?
}

/// The state one transaction works on (shared by its repositories).
final class StateBox {
    var state: InMemoryStore.State
    /// The lead version each editor in this transaction started from, by lead id.
    var baseVersions: [Int64: Int] = [:]

    init(_ state: InMemoryStore.State) {
        self.state = state
    }
}
