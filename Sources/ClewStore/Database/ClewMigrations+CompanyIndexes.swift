import ClewServices
import GRDB

// MARK: - v27: the company-column filters read an index

extension ClewMigrations {
    /// v27 (issue 17): `lead list --company-type`, `--employees-min`, `--revenue-min` (and the
    /// TUI's `:filter 企业性质=国企`) scanned every lead. Each company column gets an index of the
    /// leads that have it (partial: most leads have no company facts, and an import of leads
    /// without them pays nothing). The type's index is read in `id` order within one type, so a
    /// list page (`ORDER BY lead.id DESC LIMIT 50`) stops after its page without a sort.
    static func indexCompanyColumns(_ db: Database) throws {
        try db.execute(sql: """
            CREATE INDEX lead_company_type ON lead(company_type) WHERE company_type IS NOT NULL;
            CREATE INDEX lead_employees ON lead(employees) WHERE employees IS NOT NULL;
            CREATE INDEX lead_revenue ON lead(revenue_fen) WHERE revenue_fen IS NOT NULL;
            """)
    }
}
