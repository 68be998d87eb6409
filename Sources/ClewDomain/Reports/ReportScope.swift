/// Whose leads a report counts: the reader's own, their team's, or the whole company's.
///
/// Each role sees aggregates over the leads it may read, except that supervisors and admins
/// also see company totals and marketing sees campaign and source totals — counts and amounts,
/// never the records behind them.
///
/// ```swift
/// try ReportScope.resolve(nil, report: .funnel, for: supervisor)   // .team
/// try ReportScope.resolve(.all, report: .funnel, for: rep)         // throws scopeNotAllowed
/// ```
public enum ReportScope: String, Sendable, Codable, CaseIterable {
    case mine, team, all

    /// The scope a report runs with: `requested`, or the reader's default, once checked.
    ///
    /// - Throws: ``ReportError/scopeNotAllowed(_:report:role:)`` when the reader's role may not
    ///   see that scope for that report.
    public static func resolve(_ requested: ReportScope?, report: ReportKind, for user: ActingUser) throws(ReportError) -> ReportScope {
        let scope = requested ?? defaultScope(report: report, role: user.role)
        guard allowedScopes(report: report, role: user.role).contains(scope) else {
            throw .scopeNotAllowed(scope, report: report, role: user.role)
        }
        return scope
    }

    /// What `role` may ask for, narrowest first.
    public static func allowedScopes(report: ReportKind, role: Role) -> [ReportScope] {
        switch role {
        case .admin, .finance, .support, .legal: [.mine, .team, .all]
        case .supervisor: report.showsRecords ? [.mine, .team] : [.mine, .team, .all]
        case .rep: [.mine]
        case .marketing: marketingTotals(report) ? [.mine, .all] : [.mine]
        }
    }

    /// What `role` gets when it asks for no scope: a supervisor their team, marketing the
    /// campaign totals, a rep their own, the others everything.
    public static func defaultScope(report: ReportKind, role: Role) -> ReportScope {
        switch role {
        case .admin, .finance, .support, .legal: .all
        case .supervisor: .team
        case .rep: .mine
        case .marketing: marketingTotals(report) ? .all : .mine
        }
    }

    private static func marketingTotals(_ report: ReportKind) -> Bool {
        report == .campaigns || report == .sources || report == .trend
    }

    /// Which leads the scope counts for `user`.
    public func subjects(for user: ActingUser) -> ReportSubjects {
        switch self {
        case .all:
            return .everyone
        case .team:
            return .owners([user.login] + user.team.sorted(), includingUnowned: true)
        case .mine:
            return user.role == .marketing ? .registeredBy(user.login) : .owners([user.login], includingUnowned: false)
        }
    }
}

/// The leads a report counts, as the store selects them.
public enum ReportSubjects: Hashable, Sendable {
    /// Every lead.
    case everyone
    /// Leads owned by one of `logins`, and unowned leads (screening, pools) when `includingUnowned`.
    case owners([String], includingUnowned: Bool)
    /// Leads registered by `login` (marketing's own).
    case registeredBy(String)
}
