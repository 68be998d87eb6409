import ClewDomain
import Foundation
import GRDB

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

extension ScreeningService {
    /// The most leads one bulk action takes from the queue (the whole queue, up to this).
    public static let wholeQueueLimit = 5_000

    /// Every lead waiting in the actor's screening queue, oldest first (at most
    /// ``wholeQueueLimit``), read as a few columns: `*` selects these, however many pages the
    /// queue has.
    public func wholeQueue() throws -> [ScreeningEntry] {
        try AccessPolicy.check(.screen, actor)
        let visibility = LeadLookup.visibility(for: actor)
        return try context.read { db in
            try Row.fetchAll(db, sql: """
                SELECT lead.number, lead.customer, lead.grade, lead.region, lead.industry FROM lead
                WHERE lead.status = 'screening' AND \(visibility.sql)
                ORDER BY lead.status_changed_at, lead.id LIMIT \(Self.wholeQueueLimit)
                """, arguments: visibility.arguments).map { row in
                ScreeningEntry(number: row["number"], customer: row["customer"],
                               grade: (row["grade"] as String?).flatMap(Grade.init(rawValue:)),
                               region: row["region"], industry: row["industry"])
            }
        }
    }
}
