import ClewDomain
import ClewServices
import GRDB

extension ClewMigrations {
    /// v22 (issue 17, part 2): a lead's company fields (seed 004 企业信息, 决策链), typed —
    /// `employees` (headcount), `revenue_fen` (annual revenue in fen), `company_type` (a
    /// ``CompanyType`` key), `founded_year`, `decision_chain` — so lists filter and compare them.
    static func addCompanyFields(_ db: Database) throws {
        let types = CompanyType.allCases.map { "'\($0.rawValue)'" }.joined(separator: ",")
        try db.execute(sql: """
            ALTER TABLE lead ADD COLUMN employees INTEGER CHECK (employees IS NULL OR employees > 0);
            ALTER TABLE lead ADD COLUMN revenue_fen INTEGER CHECK (revenue_fen IS NULL OR revenue_fen >= 0);
            ALTER TABLE lead ADD COLUMN company_type TEXT CHECK (company_type IS NULL OR company_type IN (\(types)));
            ALTER TABLE lead ADD COLUMN founded_year INTEGER;
            ALTER TABLE lead ADD COLUMN decision_chain TEXT;
            """)
    }
}
