/// A sales target (销售目标, seed 003): what a rep or a supervisor's team should reach in a month
/// or quarter — won amount, won deals, new leads.
public struct SalesTarget: Hashable, Sendable, Codable {
    public var subject: TargetSubject
    public var period: TargetPeriod
    public var wonAmount: Money?
    public var wonCount: Int?
    public var newLeads: Int?
    public var setBy: String
    public var version: Int

    public init(subject: TargetSubject, period: TargetPeriod, wonAmount: Money? = nil, wonCount: Int? = nil, newLeads: Int? = nil,
                setBy: String, version: Int = 1) {
        self.subject = subject
        self.period = period
        self.wonAmount = wonAmount
        self.wonCount = wonCount
        self.newLeads = newLeads
        self.setBy = setBy
        self.version = version
    }

    /// The largest won-amount target: 10¹⁰ yuan; counts up to a million.
    public static let maximumAmount = Money(fen: 1_000_000_000_000)
    public static let maximumCount = 1_000_000

    /// Checks the figures.
    ///
    /// - Throws: ``TargetError/nothingToSet`` when no figure is given, ``TargetError/outOfRange(_:)``
    ///   for a negative or too large one.
    public func validated() throws(TargetError) -> SalesTarget {
        guard wonAmount != nil || wonCount != nil || newLeads != nil else { throw .nothingToSet }
        if let wonAmount, wonAmount.fen < 0 || wonAmount > Self.maximumAmount { throw .outOfRange("won amount") }
        for (name, count) in [("won count", wonCount), ("new leads", newLeads)] {
            if let count, count < 0 || count > Self.maximumCount { throw .outOfRange(name) }
        }
        return self
    }

    /// Who may set a target for `subject`: admins for anyone; a supervisor for their own team
    /// and the reps in it (`team` is the supervisor's reports, direct or not).
    public static func maySet(_ subject: TargetSubject, by user: ActingUser) -> Bool {
        switch user.role {
        case .admin: return true
        case .supervisor:
            switch subject {
            case let .rep(login): return user.team.contains(login)
            case let .team(supervisor): return supervisor == user.login || user.team.contains(supervisor)
            }
        default: return false
        }
    }
}

/// Whose target it is.
public enum TargetSubject: Hashable, Sendable, Codable, CustomStringConvertible {
    /// One rep.
    case rep(String)
    /// A supervisor's whole team (everyone reporting to them).
    case team(String)

    /// Parses `LOGIN` or `rep:LOGIN` (a rep) and `team:LOGIN` (a supervisor's team).
    public init?(_ text: String) {
        let trimmed = TextNormalization.trimmed(text)
        if trimmed.hasPrefix("team:") { self = .team(String(trimmed.dropFirst(5))) }
        else if trimmed.hasPrefix("rep:") { self = .rep(String(trimmed.dropFirst(4))) }
        else { self = .rep(trimmed) }
        guard !login.isEmpty else { return nil }
    }

    public var login: String {
        switch self {
        case let .rep(login), let .team(login): login
        }
    }

    /// `rep` or `team`, as stored.
    public var kind: String {
        switch self {
        case .rep: "rep"
        case .team: "team"
        }
    }

    public var description: String { "\(kind):\(login)" }
}

/// Why a target was refused.
public enum TargetError: UserFacingError, Equatable {
    case nothingToSet
    case outOfRange(String)
    case badPeriod(String)
    case badSubject(String)
    case unknownUser(String)
    case notAllowed(subject: TargetSubject, login: String, role: Role)

    public var description: String {
        switch self {
        case .nothingToSet: "give at least one of --won-amount, --won-count, --new-leads · 请至少设置一项目标"
        case let .outOfRange(name): "the \(name) target is out of range (0 to 10¹⁰ yuan, counts to 1,000,000) · 目标值超出范围"
        case let .badPeriod(text): "cannot read '\(text)' as a target period; use 2026-11 or 2026-Q4 · 无法识别的目标周期"
        case let .badSubject(text): "cannot read '\(text)' as whose target; use LOGIN or team:SUPERVISOR · 无法识别的目标对象"
        case let .unknownUser(login): "no user '\(login)' · 找不到该用户"
        case let .notAllowed(subject, login, role):
            "\(login) (\(role)) cannot set the target of \(subject): admins set any, supervisors their own team's · 无权设置该目标"
        }
    }
}
