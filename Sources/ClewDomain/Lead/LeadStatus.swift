/// Where a lead is in its lifecycle (DESIGN §3).
///
/// ```
/// new ──details complete──▶ screening ──grade+assign──▶ assigned ──confirm──▶ active ──▶ won
///  │                           │   ▲                       │ object(reason)      │  └──▶ lost(reason)
///  └──▶ pooled ◀── return ─────┘   └───── reassign ◀───────┘                     └─ return to pool
/// ```
/// `merged` is the tombstone a lead becomes when it is merged into another one.
public enum LeadStatus: String, CaseIterable, Codable, Sendable, CustomStringConvertible {
    /// 待处理: registered with a source and one contact method; details still missing.
    case new
    /// 已录入待筛选: details complete; waits for a supervisor to grade and assign it.
    case screening
    /// Graded and given to one rep, who must confirm or object.
    case assigned
    /// Confirmed by its owner and worked through the pipeline stages.
    case active
    /// 成交: converted into customer, contact and opportunity.
    case won
    /// 已终止: closed with a lost reason.
    case lost
    /// In a lead pool, unassigned; reps may claim it.
    case pooled
    /// Merged into another lead; kept as a tombstone that points to it.
    case merged

    public var description: String { rawValue }

    /// The Chinese name used on screen and in imports.
    public var chineseName: String {
        switch self {
        case .new: "待处理"
        case .screening: "待筛选"
        case .assigned: "已分配"
        case .active: "跟进中"
        case .won: "已成交"
        case .lost: "已终止"
        case .pooled: "线索池"
        case .merged: "已合并"
        }
    }

    /// Whether work on the lead is finished (won, lost or merged).
    public var isClosed: Bool { self == .won || self == .lost || self == .merged }

    /// Whether the lead counts toward its owner's open workload.
    public var countsAsWorkload: Bool { self == .assigned || self == .active }

    /// Whether a lead in this status always has an owner: assigning gives one, and every way
    /// that takes it away (an objection, a return to the pool, a reopening) leaves these statuses.
    public var alwaysHasOwner: Bool { self == .assigned || self == .active || self == .won }

    /// Parses an English or Chinese status name.
    public init?(name: String) {
        let key = name.trimmingCharacters(in: .whitespaces).lowercased()
        guard let match = LeadStatus.allCases.first(where: { $0.rawValue == key || $0.chineseName == key })
        else { return nil }
        self = match
    }
}
