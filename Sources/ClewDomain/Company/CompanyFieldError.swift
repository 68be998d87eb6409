/// Why a company field of a lead was refused (``CompanyFacts``), in English and Chinese, naming
/// the field so a form, an import row or an intake reply can point at it.
public enum CompanyFieldError: BilingualError, Equatable {
    /// The employees (员工人数) text is not one whole headcount within range.
    case employees(String)
    /// The revenue (年营收) text is not an amount.
    case revenue(String)
    /// The revenue is above ``CompanyFacts/revenueLimit``.
    case revenueAboveLimit(String)
    /// The company type (企业性质) is none of ``CompanyType``; `suggestions` are what it might mean.
    case companyType(String, suggestions: [String])
    /// The founding year (成立年份) is not a year between 1800 and `latest`.
    case founded(String, latest: Int)

    /// The field the error is about.
    public var field: LeadField {
        switch self {
        case .employees: .employees
        case .revenue, .revenueAboveLimit: .revenue
        case .companyType: .companyType
        case .founded: .founded
        }
    }

    public var english: String {
        switch self {
        case let .employees(text):
            "employees '\(safe(text))' is not a headcount; give one whole number of people from 1 to 10,000,000 (500, 1200, 1.2万)"
        case let .revenue(text): "revenue '\(safe(text))' is not an amount (3000万, 1.2亿, 80000000)"
        case let .revenueAboveLimit(text): "revenue '\(safe(text))' is above the largest Clew accepts, 100万亿 yuan"
        case let .companyType(text, suggestions):
            "company type '\(safe(text))' is not one of \(CompanyType.allCases.map(\.englishName).joined(separator: ", "))"
                + (suggestions.isEmpty ? "" : "; did you mean \(suggestions.map { "'\($0)'" }.joined(separator: " or "))?")
        case let .founded(text, latest): "founded '\(safe(text))' is not a year from \(CompanyFacts.earliestFounded) to \(latest) (2008, 2008-05-12)"
        }
    }

    public var chinese: String {
        switch self {
        case let .employees(text): "员工人数「\(safe(text))」无法识别；请填写 1 到 1000 万之间的一个整数（500、1200、1.2万）"
        case let .revenue(text): "年营收「\(safe(text))」不是金额（3000万、1.2亿、80000000）"
        case let .revenueAboveLimit(text): "年营收「\(safe(text))」超过上限 100 万亿元"
        case let .companyType(text, suggestions):
            "企业性质「\(safe(text))」不在可选值中；可选：\(CompanyType.allCases.map(\.chineseName).joined(separator: "、"))"
                + (suggestions.isEmpty ? "" : "；您是不是要输入\(suggestions.map { "「\($0)」" }.joined(separator: "或"))？")
        case let .founded(text, latest): "成立年份「\(safe(text))」无效；请填写 \(CompanyFacts.earliestFounded) 到 \(latest) 之间的年份（2008、2008-05-12）"
        }
    }

    private func safe(_ text: String) -> String { TextNormalization.terminalSafe(text) }
}
