import ClewDomain
import ClewServices
import ClewStore
import Foundation

extension TickRun {
    /// The daily screening deadline of seed 004 (``ClewStore/ScreeningDeadlines``).
    mutating func screeningDeadline() throws {
        for firing in try ScreeningDeadlines.fire(context.process.screening, calendar: context.calendar, m) {
            firings.append(TickReport.Firing(rule: firing.rule, lead: nil, outcome: firing.outcome))
        }
    }
}
