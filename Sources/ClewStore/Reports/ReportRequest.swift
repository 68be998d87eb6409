import ClewDomain
import ClewServices
import Foundation

/// A report as it ran: which one, over what, for whom, and its figures.
public struct Report<Body: Sendable & Codable>: Sendable, Codable {
    public var kind: ReportKind
    public var period: ReportPeriod
    public var scope: ReportScope
    public var filters: [String]
    public var generatedAt: Date
    public var body: Body
}
