import ClewServices
import GRDB

// MARK: - v26: the owed instalments' indexes cover their own condition

extension ClewMigrations {
    /// v26 (issue 14, the finance screen at 30 000 contracts): v24's two indexes of the owed
    /// instalments end with `status`. Their queries repeat the partial index's condition
    /// (`status = 'open' AND paid_fen < amount_fen`), and without `status` among its columns
    /// SQLite read every owed instalment's row to check it: the overdue ages, the owed money
    /// per due day and the contracts to collect took 41, 19 and 20 ms at 92 000 instalments (56 000
    /// owed). Now they read index entries only (`COVERING INDEX`). The names, which the report
    /// uses with `INDEXED BY`, and the leading columns are v24's.
    static func coverOwedInstalments(_ db: Database) throws {
        try db.execute(sql: """
            DROP INDEX instalment_owed;
            CREATE INDEX instalment_owed ON instalment(due_on, contract_id, amount_fen, paid_fen, status)
              WHERE status = 'open' AND paid_fen < amount_fen;
            DROP INDEX instalment_owed_contract;
            CREATE INDEX instalment_owed_contract ON instalment(contract_id, amount_fen, paid_fen, status)
              WHERE status = 'open' AND paid_fen < amount_fen;
            """)
    }
}
