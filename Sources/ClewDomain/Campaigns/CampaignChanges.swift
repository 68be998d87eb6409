import Foundation

/// What `clew campaign add` or `edit` asks to set; nil leaves a field as it is.
public struct CampaignChanges: Hashable, Sendable {
    public var name: String?
    public var channel: String?
    public var startDay: CalendarDay?
    public var endDay: CalendarDay?
    public var budget: Money?
    public var cost: Money?
    public var owner: String?

    public init(name: String? = nil, channel: String? = nil, startDay: CalendarDay? = nil, endDay: CalendarDay? = nil,
                budget: Money? = nil, cost: Money? = nil, owner: String? = nil) {
        self.name = name
        self.channel = channel
        self.startDay = startDay
        self.endDay = endDay
        self.budget = budget
        self.cost = cost
        self.owner = owner
    }

    /// The longest campaign name.
    public static let maximumNameLength = 100
    /// The largest budget or cost accepted: 10¹⁰ yuan.
    public static let maximumAmount = Money(fen: 1_000_000_000_000)

    /// `campaign` with these changes, checked.
    ///
    /// - Throws: ``CampaignError`` for an empty or too long name, an end before the start, or an
    ///   amount out of range.
    public func applied(to campaign: Campaign) throws(CampaignError) -> Campaign {
        var result = campaign
        if let name {
            let trimmed = TextNormalization.trimmed(TextNormalization.terminalSafe(name))
            guard !trimmed.isEmpty else { throw .emptyName }
            guard trimmed.count <= Self.maximumNameLength else { throw .nameTooLong(trimmed.count) }
            result.name = trimmed
        }
        if let channel {
            let trimmed = TextNormalization.trimmed(TextNormalization.terminalSafe(channel))
            result.channel = trimmed.isEmpty ? nil : trimmed
        }
        if let startDay { result.startDay = startDay }
        if let endDay { result.endDay = endDay }
        if let start = result.startDay, let end = result.endDay, end < start { throw .endsBeforeStart(start: start, end: end) }
        for (field, amount) in [("budget", budget), ("cost", cost)] {
            guard let amount else { continue }
            guard amount.fen >= 0, amount <= Self.maximumAmount else { throw .amountOutOfRange(field: field) }
        }
        if let budget { result.budget = budget }
        if let cost { result.cost = cost }
        if let owner { result.owner = owner.isEmpty ? nil : owner }
        return result
    }
}

/// Why a campaign change was refused.
public enum CampaignError: UserFacingError, Equatable {
    case emptyName
    case nameTooLong(Int)
    case endsBeforeStart(start: CalendarDay, end: CalendarDay)
    case amountOutOfRange(field: String)
    case duplicateName(String)
    case notFound(String, suggestion: String?)
    case closed(String)
    case stale(String, changedBy: String, at: Date)
    /// Leads link by name: a campaign they carry keeps it.
    case renameWithLeads(String, leads: Int)
    case unknownOwner(String)
    /// Only marketing, supervisors and admins manage campaigns.
    case notAllowed(login: String, role: Role)

    public var description: String {
        switch self {
        case .emptyName: "a campaign needs a name · 营销活动需要名称"
        case let .nameTooLong(count): "a campaign name has at most \(CampaignChanges.maximumNameLength) characters (this one \(count)) · 名称过长"
        case let .endsBeforeStart(start, end): "the campaign ends (\(end)) before it starts (\(start)) · 结束日期早于开始日期"
        case let .amountOutOfRange(field): "the \(field) must be between ¥0 and ¥10,000,000,000 · 金额超出范围"
        case let .duplicateName(name): "there is already a campaign named '\(name)' · 已有同名营销活动"
        case let .notFound(name, suggestion):
            "no campaign named '\(name)'" + (suggestion.map { "; did you mean '\($0)'?" } ?? "") + " · 找不到该营销活动"
        case let .closed(name): "campaign '\(name)' is closed · 该营销活动已结束"
        case let .stale(name, changedBy, _): "campaign '\(name)' was changed by \(changedBy) meanwhile; look again and retry · 已被他人修改"
        case let .renameWithLeads(name, leads):
            "campaign '\(name)' keeps its name: \(leads) lead\(leads == 1 ? "" : "s") link to it by name · 已有线索关联,不能改名"
        case let .unknownOwner(login): "no user '\(login)' to own the campaign · 找不到该用户"
        case let .notAllowed(login, role):
            "\(login) (\(role)) cannot manage campaigns: marketing, supervisors and admins do · 仅市场、主管和管理员可管理营销活动"
        }
    }
}
