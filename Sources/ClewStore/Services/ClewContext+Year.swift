import ClewDomain
import ClewServices
import Foundation

extension ClewContext {
    /// The current year in the working calendar's time zone: the latest founding year a lead's
    /// company may give (``ClewDomain/CompanyFacts/founded(_:latest:)``).
    public var currentYear: Int {
        var gregorian = Calendar(identifier: .gregorian)
        gregorian.timeZone = calendar.timeZone
        return gregorian.component(.year, from: clock.now())
    }
}
