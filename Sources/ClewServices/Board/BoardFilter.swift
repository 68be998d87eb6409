import ClewDomain
import Foundation

/// Board filters; nil means any.
public struct BoardFilter: Hashable, Sendable {
    public var grade: Grade?
    public var source: String?
    public var region: String?
    public var tag: String?
    public var owner: String?
    /// Flags every card carries (`:filter stalled overdue`).
    public var flags: Set<WorkFlag> = []
    /// The company type (`:filter company-type=国企`).
    public var companyType: CompanyType?
    /// At least this many employees (`:filter employees-min=500`).
    public var employeesMin: Int?

    public init(grade: Grade? = nil, source: String? = nil, region: String? = nil, tag: String? = nil, owner: String? = nil) {
        self.grade = grade
        self.source = source
        self.region = region
        self.tag = tag
        self.owner = owner
    }

    public var isEmpty: Bool { self == BoardFilter() }
}
