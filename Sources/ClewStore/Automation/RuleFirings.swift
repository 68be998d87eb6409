import ClewDomain
import ClewServices
import Foundation
import GRDB

/// The record of every rule that fired (rule review), and the guard that makes each firing
/// happen once: a firing is keyed by rule, subject and occurrence.
package enum RuleFirings {
    /// Claims the firing of `rule` for `subject`'s `occurrence`: returns its id, or nil when it
    /// already fired (and then nothing is written).
    package static func claim(_ rule: String, kind: FiringKind, leadID: Int64?, subject: String, occurrence: String,
                              action: String, _ m: Mutation) throws -> Int64? {
        try m.db.cachedStatement(sql: """
            INSERT OR IGNORE INTO rule_firing (rule, kind, lead_id, subject, occurrence, fired_at, action, outcome)
            VALUES (?, ?, ?, ?, ?, ?, ?, '')
            """).execute(arguments: [rule, kind.rawValue, leadID, subject, occurrence, m.now.storage, action])
        return m.db.changesCount == 1 ? m.db.lastInsertedRowID : nil
    }

    /// Records what a claimed firing did.
    package static func settle(_ id: Int64, outcome: FiringOutcome, _ m: Mutation) throws {
        try m.db.cachedStatement(sql: "UPDATE rule_firing SET outcome = ? WHERE id = ?").execute(arguments: [outcome.description, id])
    }

    /// Claims and settles in one step, for firings whose outcome is known up front; returns
    /// false when it had already fired.
    @discardableResult
    package static func record(_ rule: String, kind: FiringKind, leadID: Int64?, subject: String, occurrence: String,
                               action: String, outcome: FiringOutcome, _ m: Mutation) throws -> Bool {
        guard let id = try claim(rule, kind: kind, leadID: leadID, subject: subject, occurrence: occurrence, action: action, m) else {
            return false
        }
        try settle(id, outcome: outcome, m)
        return true
    }
}

extension Mutation {
    /// This change continued by the automation layer: audited as `(auto)` via the user whose
    /// change set it off.
    package var automated: Mutation {
        actor.isAutomation ? self : Mutation(db: db, actor: .automation(via: actor.impersonator ?? actor.login), now: now, session: session)
    }
}
