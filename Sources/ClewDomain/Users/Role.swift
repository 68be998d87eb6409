/// What a user does in the team, which decides what they may see and change (DESIGN §1, §8).
public enum Role: String, CaseIterable, Codable, Sendable, CustomStringConvertible {
    /// Manages users, pools, the pipeline and rules; sees everything.
    case admin
    /// Grades and assigns leads, approves stage skips, watches the team.
    case supervisor
    /// Works their own leads.
    case rep
    /// Registers and imports leads.
    case marketing
    /// Invoicing and receivables; reads sales data.
    case finance
    /// After-sales; reads sales data.
    case support
    /// Legal (法务, seed 000: 请协助审核合同条款): reads sales data, gets tasks and mentions.
    case legal

    public var description: String { rawValue }

    /// The Chinese name.
    public var chineseName: String {
        switch self {
        case .admin: "管理员"
        case .supervisor: "销售主管"
        case .rep: "销售代表"
        case .marketing: "市场专员"
        case .finance: "财务"
        case .support: "客服"
        case .legal: "法务"
        }
    }
}
