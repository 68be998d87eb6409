import ClewDomain
import ClewServices
import Foundation
import GRDB

/// Who a rule's `rep`, `supervisor`, a role name (`finance`) or a login means for a lead.
package enum Recipients {
    /// The login(s) `who` names for `lead`: `rep`/`owner` → the owner; `supervisor` → the
    /// owner's supervisor (else the first active supervisor, else an admin); a role → its least
    /// busy active member; otherwise an active user by login. Empty when nobody fits.
    static func resolve(_ who: String, for lead: Lead, _ db: Database) throws -> [String] {
        switch who.lowercased() {
        case "rep", "owner":
            return lead.owner.map { [$0] } ?? []
        case "supervisor":
            return try supervisor(of: lead, db).map { [$0] } ?? []
        case let name where Role(rawValue: name) != nil:
            return try leastBusy(role: name, db).map { [$0] } ?? []
        default:
            guard let user = try UserDirectory.profile(db, login: who), user.isActive else { return [] }
            return [user.login]
        }
    }

    /// The supervisor who answers for `lead`: the owner's; for an unowned lead (which every
    /// supervisor may read) the first active supervisor; otherwise an active admin (another
    /// team's supervisor could not even read an owned lead).
    /// The decision is ``ClewServices/UserRepository/supervisor(answeringFor:)``.
    static func supervisor(of lead: Lead, _ db: Database) throws -> String? {
        try SQLiteUsers(db: db).supervisor(answeringFor: lead)
    }

    /// The active user of `role` with the fewest open tasks.
    static func leastBusy(role: String, _ db: Database) throws -> String? {
        try String.fetchOne(db, sql: """
            SELECT login FROM user WHERE active = 1 AND role = ?
            ORDER BY (SELECT count(*) FROM task WHERE task.assignee = user.login AND task.status = 'open'), login LIMIT 1
            """, arguments: [role])
    }
}
