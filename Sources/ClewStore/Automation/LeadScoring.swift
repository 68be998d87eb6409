import ClewDomain
import ClewServices
import Foundation
import GRDB

/// The score breakdown's own column (`lead.score_parts`) at a lead's creation and for its
/// detail pane; scoring itself is ``ClewServices/LeadRescoring``, over the ports.
enum LeadScoring {
    /// Stores the breakdown of the score of lead `id`, created in this transaction (its
    /// creation is audited; a later change goes through ``Mutation/update(_:to:action:mergedIntoID:also:)``).
    static func storeBreakdown(_ score: LeadScore, leadID: Int64, _ db: Database) throws {
        try db.cachedStatement(sql: "UPDATE lead SET score_parts = ? WHERE id = ?").execute(arguments: [score.storedParts, leadID])
    }

    /// The stored breakdown of lead `id` (shown through ``ClewDomain/ScoringModel/shownScore(of:storedParts:)``).
    static func storedParts(leadID: Int64, _ db: Database) throws -> String? {
        try String.fetchOne(db, sql: "SELECT score_parts FROM lead WHERE id = ?", arguments: [leadID])
    }
}
