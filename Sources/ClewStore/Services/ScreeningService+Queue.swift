import ClewDomain
import ClewServices
import Foundation
import GRDB

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
