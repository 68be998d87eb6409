import ClewServices
import GRDB

// MARK: - v28: payments change the reports' version

extension ClewMigrations {
    /// v28 (issue 13): a payment recorded, reversed or removed bumps the report summaries'
    /// version (`report_summary_state.version`, v14), as every other change a report counts
    /// does. The sources, campaigns and dashboard show the money received (回款) on the period's
    /// contracts, but v14 predates receivables, so an open dashboard kept showing the old amounts
    /// until something else changed. A contract moved to another lead moves its payments too.
    static func versionReportPayments(_ db: Database) throws {
        let bump = "BEGIN UPDATE report_summary_state SET version = version + 1 WHERE id = 1; END"
        try db.execute(sql: """
            CREATE TRIGGER report_version_payment_insert AFTER INSERT ON payment \(bump);
            CREATE TRIGGER report_version_payment_delete AFTER DELETE ON payment \(bump);
            CREATE TRIGGER report_version_payment_update AFTER UPDATE OF amount_fen, contract_id ON payment \(bump);
            CREATE TRIGGER report_version_contract_lead AFTER UPDATE OF lead_id ON contract
            WHEN old.lead_id IS NOT new.lead_id \(bump);
            """)
    }
}
