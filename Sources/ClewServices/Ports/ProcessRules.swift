import ClewDomain
import Foundation

/// The rules a transaction runs under: the process definition and the working calendar as they
/// were committed when it began (issue 9 §4). Whoever applies a process or changes a holiday,
/// the next transaction of every open session sees it, and one transaction never sees two.
public struct ProcessRules: Sendable {
    /// Scoring, routing, pools, cadences, SLAs, triggers, screening rules.
    public var process: ProcessDefinition
    /// Working hours, weekend, holidays and make-up days, in the team's time zone.
    public var calendar: WorkingCalendar

    /// A value with each of its fields given.
    public init(process: ProcessDefinition, calendar: WorkingCalendar) {
        self.process = process
        self.calendar = calendar
    }
}

extension ProcessRules {
    /// The year `date` falls in, in the working calendar's time zone: the latest founding year a
    /// lead's company may give (``ClewDomain/CompanyFacts/founded(_:latest:)``).
    public func year(of date: Date) -> Int {
        var gregorian = Calendar(identifier: .gregorian)
        gregorian.timeZone = calendar.timeZone
        return gregorian.component(.year, from: date)
    }
}
