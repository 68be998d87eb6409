import ClewDomain
import ClewServices
@testable import ClewStore
import Foundation
import GRDB
import Testing

/// Issue 17: the company-column filters of `lead list` (and the TUI's `:filter`) read an index
/// (v27-company-indexes) instead of every lead.
@Suite("Company-column filters use their indexes")
struct CompanyIndexTests {
    /// The plan of the page `lead list` reads for `query`, as `actor`.
    static func plan(_ query: LeadQuery, _ db: TemporaryDatabase, as login: String = "admin") throws -> String {
        let filters = try query.criteria(among: [.readableBy(try db.actor(login))], pipeline: db.context.pipeline, now: TemporaryDatabase.mondayTen).sql()
        return try db.database.read { conn in
            try Row.fetchAll(conn, sql: "EXPLAIN QUERY PLAN SELECT \(Lead.selection) FROM lead WHERE \(filters.sql) ORDER BY lead.id DESC LIMIT 50",
                             arguments: filters.arguments).map { $0["detail"] as String }.joined(separator: " | ")
        }
    }

    @Test func theMigrationComesAfterV26AndMakesTheIndexes() throws {
        let db = try TemporaryDatabase()
        let ids = ClewMigrations.identifiers
        let v27 = try #require(ids.firstIndex(of: "v27-company-indexes"))
        #expect(v27 == (ids.firstIndex(of: "v26-owed-instalments-covering") ?? -1) + 1)
        let indexes = try db.strings("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'lead'")
        for name in ["lead_company_type", "lead_employees", "lead_revenue"] { #expect(indexes.contains(name), "\(indexes)") }
    }

    @Test func listingByCompanyTypeOrSizeSearchesTheIndex() throws {
        let db = try TemporaryDatabase()
        var byType = LeadQuery()
        byType.companyType = .stateOwned
        let typePlan = try Self.plan(byType, db)
        #expect(typePlan.contains("USING INDEX lead_company_type (company_type=?)") && !typePlan.contains("TEMP B-TREE"), "\(typePlan)")
        // A supervisor's list too: the type's index, not every lead of the team.
        #expect(try Self.plan(byType, db, as: "bob").contains("lead_company_type"))

        var bySize = LeadQuery()
        bySize.employeesMin = 500
        let sizePlan = try Self.plan(bySize, db)
        #expect(sizePlan.contains("USING INDEX lead_employees (employees>?)"), "\(sizePlan)")
        var byRevenue = LeadQuery()
        byRevenue.revenueMin = Money(yuan: 100_000_000)
        #expect(try Self.plan(byRevenue, db).contains("USING INDEX lead_revenue (revenue_fen>?)"))

        // The filters still select what they did.
        var draft = db.draft()
        (draft.companyType, draft.employees) = ("国企", "800")
        let big = try db.addLead(draft)
        _ = try db.addLead()
        #expect(try LeadService(context: db.context, actor: try db.actor("admin")).list(byType).map(\.id) == [big.id])
        #expect(try LeadService(context: db.context, actor: try db.actor("admin")).list(bySize).map(\.id) == [big.id])
    }
}
