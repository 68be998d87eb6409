import Foundation

/// Which leads a view selects — the lead list, a board column, the pipeline totals, an export
/// or a report: one description, decided here and translated by the store into its query, so
/// every screen and report that shows "the same leads" selects the same ones.
///
/// Every condition combines with AND; a nil or empty condition means "any". ``matches(_:)``
/// is the decision itself, in plain Swift: the store's translation must select exactly the leads
/// it accepts (a test checks both agree over generated leads).
///
/// ```swift
/// var criteria = LeadCriteria(audiences: [.readableBy(alice)])
/// criteria.statuses = [.active]
/// criteria.tag = "价格异议"
/// ```
public struct LeadCriteria: Hashable, Sendable {
    /// Whose leads: every audience must admit a lead (the reader's visibility, then a narrower
    /// scope such as "my team's").
    public var audiences: [LeadAudience]
    /// Any of these statuses (empty: any status).
    public var statuses: Set<LeadStatus>
    /// The pipeline stage key (already resolved from a stage name).
    public var stage: String?
    public var owner: String?
    public var grade: Grade?
    public var source: String?
    public var region: String?
    public var campaign: String?
    public var industry: String?
    /// The pool the lead belongs to (sits in, or came from).
    public var pool: String?
    /// A tag the lead carries.
    public var tag: String?
    /// Only leads whose status changed at or after this time (the board's recent wins).
    public var statusChangedSince: Date?
    /// Flags every selected lead carries (`:filter stalled`, `--flag overdue`).
    public var flags: Set<WorkFlag> = []
    /// The time ``WorkFlag/overdue`` is judged at (set with ``flags``).
    public var flagsAsOf = Date.distantPast
    /// Data-quality flags every selected lead carries (`--flag late-registration`, `--flag fake-phone`).
    public var leadFlags: Set<LeadFlag> = []
    /// The company type (`--company-type 国企`).
    public var companyType: CompanyType?
    /// At least this many employees (`--employees-min 500`); a lead without a headcount is not selected.
    public var employeesMin: Int?
    /// At least this annual revenue (`--revenue-min 1亿`); a lead without one is not selected.
    public var revenueMin: Money?

    public init(audiences: [LeadAudience] = [], statuses: Set<LeadStatus> = [], stage: String? = nil, owner: String? = nil,
                grade: Grade? = nil, source: String? = nil, region: String? = nil, campaign: String? = nil,
                industry: String? = nil, pool: String? = nil, tag: String? = nil, statusChangedSince: Date? = nil) {
        self.audiences = audiences
        self.statuses = statuses
        self.stage = stage
        self.owner = owner
        self.grade = grade
        self.source = source
        self.region = region
        self.campaign = campaign
        self.industry = industry
        self.pool = pool
        self.tag = tag
        self.statusChangedSince = statusChangedSince
    }

    /// The field conditions that compare one text column with one value, in a fixed order.
    public var textConditions: [(field: LeadCriteria.TextField, value: String)] {
        LeadCriteria.TextField.allCases.compactMap { field in self[field].map { (field, $0) } }
    }

    /// The lead fields a criterion compares with text.
    public enum TextField: CaseIterable, Sendable {
        case owner, grade, source, region, campaign, industry, pool
    }

    /// The text a ``TextField`` condition asks for (the grade by its stored letter).
    public subscript(field: TextField) -> String? {
        switch field {
        case .owner: owner
        case .grade: grade?.rawValue
        case .source: source
        case .region: region
        case .campaign: campaign
        case .industry: industry
        case .pool: pool
        }
    }

    /// Whether `lead` is selected (with no facts beside it: no escalation, no open task).
    public func matches(_ lead: Lead) -> Bool { matches(lead, facts: WorkFacts()) }

    /// Whether `lead`, with the `facts` beside it, is selected.
    public func matches(_ lead: Lead, facts: WorkFacts) -> Bool {
        guard flags.allSatisfy({ $0.holds(for: lead, facts: facts, now: flagsAsOf) }) else { return false }
        guard audiences.allSatisfy({ $0.admits(lead) }) else { return false }
        if !statuses.isEmpty, !statuses.contains(lead.status) { return false }
        if let stage, lead.stage != stage { return false }
        for (field, value) in textConditions where Self.value(of: field, in: lead) != value { return false }
        if let tag, !lead.tags.contains(tag) { return false }
        if let since = statusChangedSince, lead.statusChangedAt < since { return false }
        if !leadFlags.isSubset(of: lead.flags) { return false }
        if let companyType, lead.details.companyKind != companyType { return false }
        if let employeesMin, (lead.details.employeeCount ?? Int.min) < employeesMin { return false }
        if let revenueMin, (lead.details.annualRevenue?.fen ?? Int64.min) < revenueMin.fen { return false }
        return true
    }

    private static func value(of field: TextField, in lead: Lead) -> String? {
        switch field {
        case .owner: lead.owner
        case .grade: lead.grade?.rawValue
        case .source: lead.details.source
        case .region: lead.details.region
        case .campaign: lead.details.campaign
        case .industry: lead.details.industry
        case .pool: lead.pool
        }
    }
}

/// A "whose leads" condition of ``LeadCriteria``.
public enum LeadAudience: Hashable, Sendable {
    /// Every lead.
    case everyone
    /// The leads `user` may see (``AccessPolicy/canRead(_:by:)``).
    case readableBy(ActingUser)
    /// Leads owned by one of `logins`, and unowned leads (screening, pools) when `includingUnowned`
    /// — of the statuses a lead can be in without an owner (``LeadStatus/alwaysHasOwner``).
    case owners([String], includingUnowned: Bool)
    /// Leads registered by `login`.
    case registeredBy(String)

    /// Whether the audience includes `lead`.
    public func admits(_ lead: Lead) -> Bool {
        switch self {
        case .everyone: true
        case let .readableBy(user): AccessPolicy.canRead(lead.accessFacts, by: user)
        case let .owners(logins, includingUnowned): lead.owner.map(logins.contains) ?? (includingUnowned && !lead.status.alwaysHasOwner)
        case let .registeredBy(login): lead.createdBy == login
        }
    }
}

extension LeadAudience {
    /// The audience of a report's subjects.
    public init(_ subjects: ReportSubjects) {
        switch subjects {
        case .everyone: self = .everyone
        case let .owners(logins, includingUnowned): self = .owners(logins, includingUnowned: includingUnowned)
        case let .registeredBy(login): self = .registeredBy(login)
        }
    }
}
