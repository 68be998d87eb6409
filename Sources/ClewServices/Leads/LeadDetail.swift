import ClewDomain
import Foundation

/// A lead with everything `lead show` displays.
public struct LeadDetail: Sendable {
    public var lead: Lead
    public var followUps: [FollowUpEntry]
    public var tasks: [TaskItem]
    public var notes: [NoteEntry]
    public var stages: [StageVisit]
    public var approvals: [ApprovalItem]
    /// The audit trail of this lead and of the leads merged into it, oldest first.
    public var history: [AuditEntry]
    /// Leads merged into this one.
    public var mergedFrom: [String]
    /// Columns an import kept that Clew has no field for (name → value).
    public var customFields: [CustomField]
    /// The stored score with the rules that gave its points, if the lead is scored.
    public var score: LeadScore?
    /// The consents web forms recorded with the lead (and the leads merged into it), oldest first.
    public var consents: [LeadConsent] = []
    /// What the lead was converted into (customer, contacts, opportunity), if anything.
    public var conversion: LeadConversionSummary?
    /// When the lead was captured, when it was registered later (`--captured-at`).
    public var capturedAt: Date?

    /// A value with each of its fields given.
    public init(lead: Lead, followUps: [FollowUpEntry], tasks: [TaskItem], notes: [NoteEntry], stages: [StageVisit],
                approvals: [ApprovalItem], history: [AuditEntry], mergedFrom: [String], customFields: [CustomField],
                score: LeadScore? = nil, consents: [LeadConsent] = [], conversion: LeadConversionSummary? = nil, capturedAt: Date? = nil) {
        self.lead = lead
        self.followUps = followUps
        self.tasks = tasks
        self.notes = notes
        self.stages = stages
        self.approvals = approvals
        self.history = history
        self.mergedFrom = mergedFrom
        self.customFields = customFields
        self.score = score
        self.consents = consents
        self.conversion = conversion
        self.capturedAt = capturedAt
    }
}
