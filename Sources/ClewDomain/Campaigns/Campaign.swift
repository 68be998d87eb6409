import Foundation

/// A marketing campaign (营销活动, seed 003): where leads came from, what it cost, and — through
/// the reports — what it brought back.
public struct Campaign: Hashable, Sendable, Codable {
    public var id: Int64
    /// Unique; leads link to a campaign by it.
    public var name: String
    /// 展会, 线上广告, 地推, 公众号, …
    public var channel: String?
    public var status: CampaignStatus
    public var startDay: CalendarDay?
    public var endDay: CalendarDay?
    public var budget: Money?
    /// The actual cost so far (what ROI is measured against).
    public var cost: Money?
    /// Who runs it.
    public var owner: String?
    public var createdBy: String
    public var createdAt: Date
    public var updatedAt: Date
    public var version: Int

    public init(id: Int64 = 0, name: String, channel: String? = nil, status: CampaignStatus = .active, startDay: CalendarDay? = nil,
                endDay: CalendarDay? = nil, budget: Money? = nil, cost: Money? = nil, owner: String? = nil, createdBy: String,
                createdAt: Date, updatedAt: Date? = nil, version: Int = 1) {
        self.id = id
        self.name = name
        self.channel = channel
        self.status = status
        self.startDay = startDay
        self.endDay = endDay
        self.budget = budget
        self.cost = cost
        self.owner = owner
        self.createdBy = createdBy
        self.createdAt = createdAt
        self.updatedAt = updatedAt ?? createdAt
        self.version = version
    }
}

/// Where a campaign is in its life.
public enum CampaignStatus: String, Sendable, Codable, CaseIterable, CustomStringConvertible {
    /// Created from an unknown name in an import or a lead: marketing completes channel and cost.
    case draft
    case active
    /// Over: no new leads link to it.
    case closed

    public var description: String { rawValue }

    public var chineseName: String {
        switch self {
        case .draft: "待完善"
        case .active: "进行中"
        case .closed: "已结束"
        }
    }
}
