import ClewDomain
import Foundation

/// One lead of the whole screening queue, with only what a bulk assignment plan needs.
public struct ScreeningEntry: Hashable, Sendable {
    public var number: String
    public var customer: String?
    public var grade: Grade?
    public var region: String?
    public var industry: String?

    public init(number: String, customer: String?, grade: Grade?, region: String?, industry: String?) {
        self.number = number
        self.customer = customer
        self.grade = grade
        self.region = region
        self.industry = industry
    }

    /// The lead as ``ClewDomain/AssignmentPlan`` places it.
    public var planned: AssignmentPlan.Lead { AssignmentPlan.Lead(number: number, region: region, industry: industry) }
}
