import Foundation

/// A sales lead (线索) as stored: its details, where it is in the lifecycle and pipeline, and who
/// owns it.
public struct Lead: Hashable, Codable, Sendable, Identifiable {
    /// The database id.
    public var id: Int64
    /// The lead number, `XL-YYYYMMDD-NNN`.
    public var number: LeadNumber
    public var status: LeadStatus
    /// The pipeline stage key while active (and the stage it was in when won or lost).
    public var stage: String?
    /// The grade given by a supervisor.
    public var grade: Grade?
    /// The grade the score suggests.
    public var suggestedGrade: Grade?
    /// The computed score (0–100).
    public var score: Int?
    /// The owner's login.
    public var owner: String?
    /// The pool the lead sits in when pooled.
    public var pool: String?
    /// The lead's details (customer, contact, phone, …) in display form.
    public var details: LeadDraft
    /// The phone in matching form (`+8613800138000`).
    public var phoneKey: String?
    /// The email in matching form.
    public var emailKey: String?
    /// The deal amount (expected, then actual when won).
    public var amount: Money?
    /// Data-quality and state flags (``LeadFlag``).
    public var flags: Set<LeadFlag>
    /// Tags (`price-objection`, …).
    public var tags: Set<String>
    public var lostReason: LostReason?
    /// The lead this one was merged into, when it is a tombstone.
    public var mergedInto: LeadNumber?
    public var createdBy: String
    public var createdAt: Date
    public var updatedBy: String
    public var updatedAt: Date
    /// Incremented on every change; edits name the version they were made against.
    public var version: Int
    /// When the status last changed.
    public var statusChangedAt: Date
    /// When the current stage was entered.
    public var stageEnteredAt: Date?
    public var lastFollowUpAt: Date?
    /// The language the contact reads; nil: the process file's default.
    public var contactLanguage: ContactLanguage?
    /// The won or lost lead this one follows (a repeat purchase, or a lost lead coming back).
    public var previousLead: LeadNumber?
    /// The customer (id) a repeat purchase comes from.
    public var customerID: Int64?
    /// When the lead was captured (获取时间, seed 004), when it was registered later than that
    /// (`clew lead add --captured-at`, an import's 获取时间 column); nil otherwise.
    public var capturedAt: Date?

    /// The budget as a range of yuan, when it reads as one.
    public var budgetRange: BudgetRange? { details.budget.flatMap(BudgetRange.init(parsing:)) }

    public init(
        id: Int64, number: LeadNumber, status: LeadStatus, stage: String? = nil, grade: Grade? = nil,
        suggestedGrade: Grade? = nil, score: Int? = nil, owner: String? = nil, pool: String? = nil,
        details: LeadDraft, phoneKey: String? = nil, emailKey: String? = nil, amount: Money? = nil,
        flags: Set<LeadFlag> = [], tags: Set<String> = [], lostReason: LostReason? = nil,
        mergedInto: LeadNumber? = nil, createdBy: String, createdAt: Date, updatedBy: String,
        updatedAt: Date, version: Int = 1, statusChangedAt: Date, stageEnteredAt: Date? = nil,
        lastFollowUpAt: Date? = nil, contactLanguage: ContactLanguage? = nil, previousLead: LeadNumber? = nil,
        customerID: Int64? = nil, capturedAt: Date? = nil
    ) {
        self.id = id
        self.number = number
        self.status = status
        self.stage = stage
        self.grade = grade
        self.suggestedGrade = suggestedGrade
        self.score = score
        self.owner = owner
        self.pool = pool
        self.details = details
        self.phoneKey = phoneKey
        self.emailKey = emailKey
        self.amount = amount
        self.flags = flags
        self.tags = tags
        self.lostReason = lostReason
        self.mergedInto = mergedInto
        self.createdBy = createdBy
        self.createdAt = createdAt
        self.updatedBy = updatedBy
        self.updatedAt = updatedAt
        self.version = version
        self.statusChangedAt = statusChangedAt
        self.stageEnteredAt = stageEnteredAt
        self.lastFollowUpAt = lastFollowUpAt
        self.contactLanguage = contactLanguage
        self.previousLead = previousLead
        self.customerID = customerID
        self.capturedAt = capturedAt
    }

    /// What the permission rules need to know about this lead.
    public var accessFacts: LeadAccessFacts {
        LeadAccessFacts(status: status, owner: owner, createdBy: createdBy, pool: pool)
    }
}
