/// Why a report could not run.
public enum ReportError: UserFacingError, Equatable {
    /// `--to` is before `--from`.
    case emptyPeriod(first: CalendarDay, last: CalendarDay)
    /// More days than ``ReportPeriod/maximumDays``.
    case periodTooLong(days: Int)
    /// The reader's role may not see this scope of this report.
    case scopeNotAllowed(ReportScope, report: ReportKind, role: Role)

    public var description: String {
        switch self {
        case let .emptyPeriod(first, last):
            "the period ends (\(last)) before it starts (\(first)) · 结束日期早于开始日期"
        case let .periodTooLong(days):
            "a report covers at most \(ReportPeriod.maximumDays) days (this one \(days)) · 报表最多覆盖 \(ReportPeriod.maximumDays) 天"
        case let .scopeNotAllowed(scope, report, role):
            "a \(role) cannot see the '\(scope)' scope of the \(report) report; "
                + "use --scope \(ReportScope.allowedScopes(report: report, role: role).map(\.rawValue).joined(separator: "|")) · 当前角色无权查看该范围"
        }
    }
}
