import Foundation

/// What makes a lead need attention now — what `:filter stalled` in the TUI and
/// `clew lead list --flag stalled` find. Each is decided here from the lead and the few facts
/// beside it (``WorkFacts``); the store translates the same decision into its query.
public enum WorkFlag: String, CaseIterable, Codable, Sendable, Comparable {
    /// An active deal past its stage's planned exit (the stalled-deal timer flagged it).
    case stalled
    /// An open lead whose current assignment was escalated to the supervisor (not confirmed
    /// in time, or no first follow-up in time).
    case escalated
    /// An open lead with an open task past its due time.
    case overdue
    /// Assigned to a rep who has not confirmed it yet.
    case unconfirmed

    /// Reads a typed spelling in English or Chinese (`stalled`, `停滞`, …).
    public init?(spelling text: String) {
        let word = text.trimmingCharacters(in: .whitespaces).lowercased()
        if let flag = WorkFlag(rawValue: word) { self = flag; return }
        guard let flag = WorkFlag.allCases.first(where: { $0.chineseName == word }) else { return nil }
        self = flag
    }

    /// The flag's name in Chinese.
    public var chineseName: String {
        switch self {
        case .stalled: "停滞"
        case .escalated: "已上报"
        case .overdue: "逾期"
        case .unconfirmed: "未确认"
        }
    }

    /// The timer rules whose firing for the current assignment means ``escalated``.
    public static let escalationRules: [TimerRule] = [.confirmEscalation, .firstFollowUp]

    /// Statuses in which a lead is still worked (escalated and overdue apply only to these).
    public static let openStatuses: Set<LeadStatus> = [.assigned, .active]

    /// Whether `lead`, with `facts`, carries this flag at `now`.
    public func holds(for lead: Lead, facts: WorkFacts, now: Date) -> Bool {
        switch self {
        case .stalled: lead.flags.contains(.stalled)
        case .unconfirmed: lead.status == .assigned
        case .escalated: Self.openStatuses.contains(lead.status) && facts.currentAssignmentEscalated
        case .overdue: Self.openStatuses.contains(lead.status) && facts.openTaskDueDates.contains { $0 <= now }
        }
    }

    public static func < (lhs: WorkFlag, rhs: WorkFlag) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// The facts beside a lead that ``WorkFlag`` decides from.
public struct WorkFacts: Hashable, Sendable {
    /// An escalation timer fired for the lead's current assignment.
    public var currentAssignmentEscalated: Bool
    /// When the lead's open tasks are due.
    public var openTaskDueDates: [Date]

    public init(currentAssignmentEscalated: Bool = false, openTaskDueDates: [Date] = []) {
        self.currentAssignmentEscalated = currentAssignmentEscalated
        self.openTaskDueDates = openTaskDueDates
    }
}
