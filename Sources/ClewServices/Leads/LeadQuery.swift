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
