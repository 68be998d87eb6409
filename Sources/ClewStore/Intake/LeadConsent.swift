import ClewDomain
import ClewServices
import Foundation
import GRDB

extension LeadConsent {
    /// The consents recorded with the leads `leadIDs` (a lead and those merged into it), oldest first.
    static func all(_ db: Database, leadIDs: [Int64]) throws -> [LeadConsent] {
        guard !leadIDs.isEmpty else { return [] }
        let marks = leadIDs.map { _ in "?" }.joined(separator: ",")
        return try Row.fetchAll(db, sql: """
            SELECT c.consent, c.privacy_version, c.at, c.token_id, t.source
            FROM lead_consent c JOIN intake_token t ON t.id = c.token_id
            WHERE c.lead_id IN (\(marks)) ORDER BY c.at, c.id
            """, arguments: StatementArguments(leadIDs)).map {
            LeadConsent(given: $0[0], privacyVersion: $0[1], at: Date(storage: $0[2]), tokenID: $0[3], source: $0[4])
        }
    }
}
