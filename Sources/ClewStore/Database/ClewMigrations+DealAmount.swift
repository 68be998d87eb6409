import ClewServices
import GRDB

extension ClewMigrations {
    /// v21 (issue 17, part 2): the amount an approval was asked for (`approval.amount_fen`), so a
    /// win above what the contract approval covered asks again (`deal-amount` requests).
    static func addApprovalAmount(_ db: Database) throws {
        try db.execute(sql: "ALTER TABLE approval ADD COLUMN amount_fen INTEGER")
    }
}
