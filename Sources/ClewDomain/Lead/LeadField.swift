/// The editable fields of a lead, with their English and Chinese labels.
///
/// Used for validation messages, `lead edit`, import column mapping and audit rows.
public enum LeadField: String, CaseIterable, Codable, Sendable, CustomStringConvertible {
    case customer, contact, title, phone, email, industry, need, source, campaign, region, city, budget
    /// Company fields (seed 004 企业信息, 决策链): headcount, annual revenue, ``CompanyType``,
    /// founding year, decision chain.
    case employees, revenue, companyType = "company-type", founded, decisionChain = "decision-chain"

    public var description: String { rawValue }

    /// The Chinese label (客户名称, 联系人, …).
    public var chineseName: String {
        switch self {
        case .customer: "客户名称"
        case .contact: "联系人"
        case .title: "职位"
        case .phone: "电话"
        case .email: "邮箱"
        case .industry: "所属行业"
        case .need: "需求描述"
        case .source: "线索来源"
        case .campaign: "营销活动"
        case .region: "地区"
        case .city: "城市"
        case .budget: "预算范围"
        case .employees: "员工人数"
        case .revenue: "年营收"
        case .companyType: "企业性质"
        case .founded: "成立年份"
        case .decisionChain: "决策链"
        }
    }

    /// The company fields (``CompanyFacts``), in form order.
    public static let companyFields: [LeadField] = [.employees, .revenue, .companyType, .founded, .decisionChain]

    /// The fields a lead needs before it can be screened (DESIGN §3).
    public static let requiredForScreening: [LeadField] = [.customer, .contact, .industry, .need, .source]
}
