import ClewDomain
import ClewServices
import Foundation
import GRDB

/// Finding leads by the number a user typed, with the permission check folded in.
package enum LeadLookup {
    /// Parses a lead number as typed (`XL-20261123-001`, `xl-20261123-1`).
    static func parse(_ text: String) throws -> LeadNumber {
        guard let number = LeadNumber(text) else {
            throw StoreError.notFound("'\(text)' is not a lead number (XL-YYYYMMDD-NNN)")
        }
        return number
    }

    /// The lead numbered `number`, whatever the actor may see.
    static func fetch(_ db: Database, number: LeadNumber) throws -> Lead? {
        try Row.fetchOne(db, sql: "SELECT \(Lead.selection) FROM lead WHERE number = ?", arguments: [number.description])
            .map(Lead.init(row:))
    }

    static func fetch(_ db: Database, id: Int64) throws -> Lead? {
        try Row.fetchOne(db, sql: "SELECT \(Lead.selection) FROM lead WHERE id = ?", arguments: [id]).map(Lead.init(row:))
    }

    /// The lead `text` names, if `actor` may do `action` to it.
    ///
    /// A lead the actor may not see is reported exactly like one that does not exist.
    /// The rule is the ports' (``ClewServices/StoreTransaction/requireLead(_:for:by:)``).
    static func require(_ db: Database, _ text: String, for action: LeadAction, by actor: ActingUser) throws -> Lead {
        try SQLiteTransaction.requireLead(text, for: action, by: actor, leads: SQLiteLeads(db: db), tasks: SQLiteTasks(db: db, mutation: nil))
    }

    /// Whether `login` has a task (open or done, not cancelled) on lead `id`.
    static func hasTask(on id: Int64, for login: String, _ db: Database) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM task WHERE lead_id = ? AND assignee = ? AND status != 'cancelled')",
                          arguments: [id, login]) ?? false
    }

    /// The lead `text` names, if the mutation's actor may do `action` to it, to be changed in
    /// this transaction.
    ///
    /// - Parameter expectedVersion: the version the user saw when they started the edit; the
    ///   update then conflicts only with changes to the fields it changes made after it
    ///   (``Mutation/update(_:to:action:mergedIntoID:also:)``).
    static func require(_ m: Mutation, _ text: String, for action: LeadAction, expectedVersion: Int? = nil) throws -> Lead {
        let leads = SQLiteLeads(db: m.db, mutation: m)
        let lead = try SQLiteTransaction.requireLead(text, for: action, by: m.actor, leads: leads, tasks: SQLiteTasks(db: m.db, mutation: m))
        try SQLiteTransaction.beginEdit(of: lead, fromVersion: expectedVersion, in: leads)
        return lead
    }

    /// The SQL condition (and its arguments) that keeps only leads `actor` may read: the same rule
    /// as ``AccessPolicy/canRead(_:by:)``, written for the database so lists never load what they
    /// would then hide.
    static func visibility(for actor: ActingUser) -> (sql: String, arguments: StatementArguments) {
        LeadCriteria(audiences: [.readableBy(actor)]).sql()
    }
}
