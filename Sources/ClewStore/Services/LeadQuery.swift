import ClewDomain
import Foundation

/// Which leads to list: filters combine with AND; results are newest first, paged by keyset.
public struct LeadQuery: Hashable, Sendable {
    public var statuses: [LeadStatus] = []
    public var stage: String?
    public var owner: String?
    public var grade: Grade?
    public var source: String?
    public var region: String?
    public var campaign: String?
    public var industry: String?
    public var pool: String?
    public var tag: String?
    /// Flags every lead carries (`--flag stalled,overdue`).
    public var flags: Set<WorkFlag> = []
    /// Data-quality flags every lead carries (`--flag late-registration`).
    public var leadFlags: Set<LeadFlag> = []
    /// The company type (`--company-type 国企`).
    public var companyType: CompanyType?
    /// At least this many employees (`--employees-min 500`).
    public var employeesMin: Int?
    /// At least this annual revenue (`--revenue-min 1亿`).
    public var revenueMin: Money?
    /// Page size (default 50, at most 1000).
    public var limit: Int = 50
    /// Continue after this lead number (the last one of the previous page).
    public var after: String?

    public init(statuses: [LeadStatus] = [], stage: String? = nil, owner: String? = nil, grade: Grade? = nil,
                source: String? = nil, region: String? = nil, limit: Int = 50, after: String? = nil) {
        self.statuses = statuses
        self.stage = stage
        self.owner = owner
        self.grade = grade
        self.source = source
        self.region = region
        self.limit = limit
        self.after = after
    }

    /// The leads this query selects among `audiences` (its page, ``limit`` and ``after``, aside),
    /// flags judged at `now`.
    ///
    /// - Throws: ``StoreError/notFound(_:)`` for a stage the pipeline does not have.
    public func criteria(among audiences: [LeadAudience], pipeline: Pipeline, now: Date) throws -> LeadCriteria {
        var criteria = LeadCriteria(audiences: audiences, statuses: Set(statuses), stage: try stage.map { try pipeline.resolve($0).key },
                                    owner: owner, grade: grade, source: source, region: region, campaign: campaign, industry: industry,
                                    pool: pool, tag: tag)
        criteria.flags = flags
        criteria.flagsAsOf = now
        criteria.leadFlags = leadFlags
        criteria.companyType = companyType
        criteria.employeesMin = employeesMin
        criteria.revenueMin = revenueMin
        return criteria
    }
}

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
}

/// A value kept from an imported column Clew has no field for.
public struct CustomField: Hashable, Sendable, Codable {
    public var name: String
    public var value: String
}

/// A logged follow-up.
public struct FollowUpEntry: Hashable, Sendable, Codable {
    public var id: Int64
    public var at: Date
    public var author: String
    public var method: FollowUpMethod
    public var contactPerson: String?
    public var content: String
    public var feedback: String?
    public var nextAction: String?
    public var nextDue: Date?
    public var stage: String?
}

/// A note on a lead (free text, grade reason, objection, merge conflicts).
public struct NoteEntry: Hashable, Sendable, Codable {
    public var id: Int64
    public var author: String
    public var kind: String
    public var body: String
    public var createdAt: Date
}

/// One stay in a stage: planned vs actual.
public struct StageVisit: Hashable, Sendable, Codable {
    public var stage: String
    public var enteredAt: Date
    public var plannedExitAt: Date?
    public var exitedAt: Date?

    /// Where the visit stands, as seed 000's stage tracking table shows it (进行中/已完成/异常).
    public func progress(at now: Date) -> StageProgress {
        StageProgress.of(plannedExit: plannedExitAt, exited: exitedAt, now: now)
    }

    /// `in-progress`, `done`, or `late` (left, or still in it, past the planned exit).
    public func status(at now: Date) -> String { progress(at: now).rawValue }
}

/// One audit row: who changed what, when.
public struct AuditEntry: Hashable, Sendable, Codable {
    public var id: Int64
    public var at: Date
    public var actor: String
    /// The admin who acted as ``actor`` with `--as`.
    public var via: String?
    public var action: String
    public var entity: String
    public var entityID: Int64
    public var field: String?
    public var old: String?
    public var new: String?
}
