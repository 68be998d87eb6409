import ClewDomain
import ClewServices
import ClewStore
import Foundation

/// The stable JSON form of a lead (`--json`), documented in README.md. Fields are never renamed;
/// new ones may be added. Absent values are `null`.
struct LeadJSON: Encodable {
    var number: String
    var status: String
    var stage: String?
    var grade: String?
    var suggestedGrade: String?
    var score: Int?
    var owner: String?
    var pool: String?
    var customer: String?
    var contact: String?
    var title: String?
    var phone: String?
    var email: String?
    var industry: String?
    var need: String?
    var source: String?
    var campaign: String?
    var region: String?
    var city: String?
    var budget: String?
    /// Yuan.
    var amount: Double?
    var lostReason: String?
    var mergedInto: String?
    var version: Int
    var createdBy: String
    var createdAt: Date
    var updatedBy: String
    var updatedAt: Date
    var statusChangedAt: Date
    var stageEnteredAt: Date?
    var lastFollowUpAt: Date?
    var flags: [String]
    var tags: [String]
    /// The budget read as yuan (null when undetermined or unreadable).
    var budgetMinYuan: Int64?
    var budgetMaxYuan: Int64?
    var contactLanguage: String?
    /// The won or lost lead this one follows (a repeat purchase, a lost lead coming back).
    var previousLead: String?
    /// The customer a repeat purchase comes from.
    var customerId: Int64?
    /// Headcount (员工人数).
    var employees: Int?
    /// Annual revenue (年营收) in yuan.
    var revenue: Double?
    /// The company type's key: state-owned, private, foreign, joint-venture, institution, other.
    var companyType: String?
    /// Founding year (成立年份).
    var founded: Int?
    /// Decision chain (决策链), steps joined with `→`.
    var decisionChain: String?

    init(_ lead: Lead) {
        let d = lead.details
        number = lead.number.description
        status = lead.status.rawValue
        stage = lead.stage
        grade = lead.grade?.rawValue
        suggestedGrade = lead.suggestedGrade?.rawValue
        score = lead.score
        owner = lead.owner
        pool = lead.pool
        customer = d.customer
        contact = d.contact
        title = d.title
        phone = d.phone
        email = d.email
        industry = d.industry
        need = d.need
        source = d.source
        campaign = d.campaign
        region = d.region
        city = d.city
        budget = d.budget
        amount = lead.amount?.yuan
        lostReason = lead.lostReason?.key
        mergedInto = lead.mergedInto?.description
        version = lead.version
        createdBy = lead.createdBy
        createdAt = lead.createdAt
        updatedBy = lead.updatedBy
        updatedAt = lead.updatedAt
        statusChangedAt = lead.statusChangedAt
        stageEnteredAt = lead.stageEnteredAt
        lastFollowUpAt = lead.lastFollowUpAt
        flags = lead.flags.sorted().map(\.rawValue)
        tags = lead.tags.sorted()
        budgetMinYuan = lead.budgetRange?.minYuan
        budgetMaxYuan = lead.budgetRange?.maxYuan
        contactLanguage = lead.contactLanguage?.rawValue
        previousLead = lead.previousLead?.description
        customerId = lead.customerID
        employees = d.employeeCount
        revenue = d.annualRevenue?.yuan
        companyType = d.companyKind?.rawValue
        founded = d.foundedYear
        decisionChain = d.decisionChain
    }

    private enum CodingKeys: String, CodingKey {
        case number, status, stage, grade, suggestedGrade, score, owner, pool, customer, contact, title, phone, email
        case industry, need, source, campaign, region, city, budget, amount, lostReason, mergedInto, version
        case createdBy, createdAt, updatedBy, updatedAt, statusChangedAt, stageEnteredAt, lastFollowUpAt, flags, tags
        case budgetMinYuan, budgetMaxYuan, contactLanguage, previousLead, customerId
        case employees, revenue, companyType, founded, decisionChain
    }

    // Encode nil as null so every documented field is always present.
    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(number, forKey: .number)
        try c.encode(status, forKey: .status)
        try c.encode(stage, forKey: .stage)
        try c.encode(grade, forKey: .grade)
        try c.encode(suggestedGrade, forKey: .suggestedGrade)
        try c.encode(score, forKey: .score)
        try c.encode(owner, forKey: .owner)
        try c.encode(pool, forKey: .pool)
        try c.encode(customer, forKey: .customer)
        try c.encode(contact, forKey: .contact)
        try c.encode(title, forKey: .title)
        try c.encode(phone, forKey: .phone)
        try c.encode(email, forKey: .email)
        try c.encode(industry, forKey: .industry)
        try c.encode(need, forKey: .need)
        try c.encode(source, forKey: .source)
        try c.encode(campaign, forKey: .campaign)
        try c.encode(region, forKey: .region)
        try c.encode(city, forKey: .city)
        try c.encode(budget, forKey: .budget)
        try c.encode(amount, forKey: .amount)
        try c.encode(lostReason, forKey: .lostReason)
        try c.encode(mergedInto, forKey: .mergedInto)
        try c.encode(version, forKey: .version)
        try c.encode(createdBy, forKey: .createdBy)
        try c.encode(createdAt, forKey: .createdAt)
        try c.encode(updatedBy, forKey: .updatedBy)
        try c.encode(updatedAt, forKey: .updatedAt)
        try c.encode(statusChangedAt, forKey: .statusChangedAt)
        try c.encode(stageEnteredAt, forKey: .stageEnteredAt)
        try c.encode(lastFollowUpAt, forKey: .lastFollowUpAt)
        try c.encode(flags, forKey: .flags)
        try c.encode(tags, forKey: .tags)
        try c.encode(budgetMinYuan, forKey: .budgetMinYuan)
        try c.encode(budgetMaxYuan, forKey: .budgetMaxYuan)
        try c.encode(contactLanguage, forKey: .contactLanguage)
        try c.encode(previousLead, forKey: .previousLead)
        try c.encode(customerId, forKey: .customerId)
        try c.encode(employees, forKey: .employees)
        try c.encode(revenue, forKey: .revenue)
        try c.encode(companyType, forKey: .companyType)
        try c.encode(founded, forKey: .founded)
        try c.encode(decisionChain, forKey: .decisionChain)
    }
}

/// `lead show --json`: the lead's fields plus its follow-ups, tasks, notes, stages and history
/// (every key present, `null` when empty).
struct LeadDetailJSON: Encodable {
    var lead: LeadJSON
    var followUps: [NullKeepingJSON<FollowUpEntry>]
    var tasks: [NullKeepingJSON<TaskItem>]
    var notes: [NullKeepingJSON<NoteEntry>]
    var stages: [NullKeepingJSON<StageVisit>]
    var approvals: [NullKeepingJSON<ApprovalItem>]
    var history: [NullKeepingJSON<AuditEntry>]
    var mergedFrom: [String]
    var customFields: [CustomField]
    var scoreBreakdown: [LeadScore.Part]
    var consents: [NullKeepingJSON<LeadConsent>]
    var conversion: NullKeepingJSON<LeadConversionSummary>?
    var capturedAt: Date?

    init(_ detail: LeadDetail) {
        lead = LeadJSON(detail.lead)
        followUps = detail.followUps.map(NullKeepingJSON.init)
        tasks = detail.tasks.map(NullKeepingJSON.init)
        notes = detail.notes.map(NullKeepingJSON.init)
        stages = detail.stages.map(NullKeepingJSON.init)
        approvals = detail.approvals.map(NullKeepingJSON.init)
        history = detail.history.map(NullKeepingJSON.init)
        mergedFrom = detail.mergedFrom
        customFields = detail.customFields
        scoreBreakdown = detail.score?.parts ?? []
        consents = detail.consents.map(NullKeepingJSON.init)
        conversion = detail.conversion.map(NullKeepingJSON.init)
        capturedAt = detail.capturedAt
    }

    private enum CodingKeys: String, CodingKey {
        case followUps, tasks, notes, stages, approvals, history, mergedFrom, customFields, scoreBreakdown, consents, conversion, capturedAt
    }

    /// The lead's own fields at the top level, beside the lists.
    func encode(to encoder: any Encoder) throws {
        try lead.encode(to: encoder)
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(followUps, forKey: .followUps)
        try c.encode(tasks, forKey: .tasks)
        try c.encode(notes, forKey: .notes)
        try c.encode(stages, forKey: .stages)
        try c.encode(approvals, forKey: .approvals)
        try c.encode(history, forKey: .history)
        try c.encode(mergedFrom, forKey: .mergedFrom)
        try c.encode(customFields, forKey: .customFields)
        try c.encode(scoreBreakdown, forKey: .scoreBreakdown)
        try c.encode(consents, forKey: .consents)
        try c.encode(conversion, forKey: .conversion)
        try c.encode(capturedAt, forKey: .capturedAt)
    }
}
