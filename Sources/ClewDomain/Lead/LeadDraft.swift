/// The details of a lead as typed or imported, before validation.
///
/// Every field is optional text; ``validate()`` trims and normalises it, checks the phone and
/// email, and decides whether the lead can go straight to screening:
///
/// ```swift
/// var draft = LeadDraft()
/// draft.customer = "杭州恒通科技有限公司"
/// draft.phone = "138 0013 8000"
/// let checked = try draft.validate()   // status .new: industry, need, source still missing
/// ```
public struct LeadDraft: Hashable, Codable, Sendable {
    public var customer: String?
    public var contact: String?
    public var title: String?
    public var phone: String?
    public var email: String?
    public var industry: String?
    public var need: String?
    public var source: String?
    public var campaign: String?
    public var region: String?
    public var city: String?
    public var budget: String?
    /// Headcount (员工人数), kept as digits: `500` (``CompanyFacts/employees(_:)``).
    public var employees: String?
    /// Annual revenue (年营收), kept as `¥30,000,000` (``CompanyFacts/revenue(_:)``).
    public var revenue: String?
    /// Company type (企业性质), kept as its Chinese name: `国企` (``CompanyType``).
    public var companyType: String?
    /// Founding year (成立年份), kept as `2008`.
    public var founded: String?
    /// Decision chain (决策链), kept as `采购经理→技术总监→总经理`.
    public var decisionChain: String?

    public init(
        customer: String? = nil, contact: String? = nil, title: String? = nil, phone: String? = nil,
        email: String? = nil, industry: String? = nil, need: String? = nil, source: String? = nil,
        campaign: String? = nil, region: String? = nil, city: String? = nil, budget: String? = nil,
        employees: String? = nil, revenue: String? = nil, companyType: String? = nil, founded: String? = nil,
        decisionChain: String? = nil
    ) {
        self.customer = customer
        self.contact = contact
        self.title = title
        self.phone = phone
        self.email = email
        self.industry = industry
        self.need = need
        self.source = source
        self.campaign = campaign
        self.region = region
        self.city = city
        self.budget = budget
        self.employees = employees
        self.revenue = revenue
        self.companyType = companyType
        self.founded = founded
        self.decisionChain = decisionChain
    }

    /// Reads or writes a field by its ``LeadField`` key.
    public subscript(field: LeadField) -> String? {
        get {
            switch field {
            case .customer: customer
            case .contact: contact
            case .title: title
            case .phone: phone
            case .email: email
            case .industry: industry
            case .need: need
            case .source: source
            case .campaign: campaign
            case .region: region
            case .city: city
            case .budget: budget
            case .employees: employees
            case .revenue: revenue
            case .companyType: companyType
            case .founded: founded
            case .decisionChain: decisionChain
            }
        }
        set {
            switch field {
            case .customer: customer = newValue
            case .contact: contact = newValue
            case .title: title = newValue
            case .phone: phone = newValue
            case .email: email = newValue
            case .industry: industry = newValue
            case .need: need = newValue
            case .source: source = newValue
            case .campaign: campaign = newValue
            case .region: region = newValue
            case .city: city = newValue
            case .budget: budget = newValue
            case .employees: employees = newValue
            case .revenue: revenue = newValue
            case .companyType: companyType = newValue
            case .founded: founded = newValue
            case .decisionChain: decisionChain = newValue
            }
        }
    }
}

// MARK: - Company fields as values

extension LeadDraft {
    /// The headcount, when ``employees`` reads as one.
    public var employeeCount: Int? { employees.flatMap { try? CompanyFacts.employees($0) } }
    /// The annual revenue, when ``revenue`` reads as an amount.
    public var annualRevenue: Money? { revenue.flatMap { try? CompanyFacts.revenue($0) } }
    /// The company type, when ``companyType`` names one.
    public var companyKind: CompanyType? { companyType.flatMap(CompanyType.init(parsing:)) }
    /// The founding year, when ``founded`` reads as one.
    public var foundedYear: Int? { founded.flatMap { try? CompanyFacts.founded($0) } }
}
