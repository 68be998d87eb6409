import ClewDomain
import ClewServices
@testable import ClewStore
import Foundation
import GRDB
import Testing

@Suite("Company fields in the store: typed columns, edits, filters, audit")
struct CompanyFieldsServiceTests {
    @Test func theMigrationAddsTypedColumnsThatRefuseNonsense() throws {
        let db = try TemporaryDatabase()
        #expect(ClewMigrations.identifiers.contains("v22-company-fields"))
        let columns = try db.strings("SELECT name FROM pragma_table_info('lead')")
        for column in ["employees", "revenue_fen", "company_type", "founded_year", "decision_chain"] { #expect(columns.contains(column)) }
        let lead = try db.addLead()
        #expect(throws: (any Error).self) {
            try db.database.write { try $0.execute(sql: "UPDATE lead SET company_type = '国企' WHERE id = ?", arguments: [lead.id]) }
        }
    }

    @Test func addStoresTypedValuesAndReadsThemBackInOneSpelling() throws {
        let db = try TemporaryDatabase()
        var draft = db.draft()
        (draft.employees, draft.revenue, draft.companyType, draft.founded, draft.decisionChain) = ("1.2万人", "35亿", "央企", "1998年", "采购经理->总经理")
        let lead = try db.addLead(draft)
        let row = try #require(try db.database.read {
            try Row.fetchOne($0, sql: "SELECT employees, revenue_fen, company_type, founded_year, decision_chain FROM lead WHERE id = ?", arguments: [lead.id])
        })
        #expect(row["employees"] as Int? == 12000)
        #expect(row["revenue_fen"] as Int64? == 350_000_000_000)
        #expect(row["company_type"] as String? == "state-owned")
        #expect(row["founded_year"] as Int? == 1998)
        #expect(row["decision_chain"] as String? == "采购经理→总经理")
        let stored = try db.stored(lead.number).details
        #expect((stored.employees, stored.revenue, stored.companyType, stored.founded) == ("12000", "¥3,500,000,000", "国企", "1998"))
    }

    @Test func aFoundingYearAfterThisOneIsRefusedAndNothingIsWritten() throws {
        let db = try TemporaryDatabase()   // the clock is in 2026
        var draft = db.draft()
        draft.founded = "2027"
        let before = try db.count("SELECT count(*) FROM lead")
        #expect(throws: LeadValidationError.invalidCompanyField(.founded("2027", latest: 2026))) { try db.addLead(draft) }
        #expect(try db.count("SELECT count(*) FROM lead") == before)
    }

    @Test func editSetsAndClearsCompanyFieldsWithAuditRowsAndRescores() throws {
        let db = try TemporaryDatabase()
        let lead = try db.addLead()
        let number = lead.number.description
        let edited = try db.leads("admin").edit(number, changes: LeadDraft(employees: "800", companyType: "Joint venture"))
        #expect(edited.details.companyType == "合资" && edited.details.employees == "800")
        #expect(try db.strings("SELECT field || '=' || new FROM audit WHERE entity = 'lead' AND entity_id = ? AND action = 'edit' ORDER BY field",
                               [lead.id]).contains("company_type=joint-venture"))
        #expect((edited.score ?? 0) > (lead.score ?? 0), "500+ employees scores when no budget is stated")
        let cleared = try db.leads("admin").edit(number, changes: LeadDraft(), clearing: [.companyType])
        #expect(cleared.details.companyType == nil && cleared.details.employees == "800")
        #expect(throws: LeadValidationError.self) { try db.leads("admin").edit(number, changes: LeadDraft(employees: "很多")) }
    }

    @Test func theListFiltersByCompanyTypeHeadcountAndRevenueAsTheDomainDecides() throws {
        let db = try TemporaryDatabase()
        let facts: [(String?, String?, String?)] = [("国企", "800", "2亿"), ("国企", "100", nil), ("外企", "5000", "50亿"), (nil, nil, nil), ("民企", "500", "3000万")]
        for (type, employees, revenue) in facts {
            var draft = db.draft()
            (draft.companyType, draft.employees, draft.revenue) = (type, employees, revenue)
            try db.addLead(draft)
        }
        let leads = try db.allLeads()
        var criteria = LeadCriteria()
        for (type, minimum, revenue) in [(CompanyType.stateOwned, nil, nil), (nil, 500, nil), (.stateOwned, 500, nil), (nil, nil, Money(yuan: 100_000_000)),
                                         (.privateOwned, 501, nil)] as [(CompanyType?, Int?, Money?)] {
            (criteria.companyType, criteria.employeesMin, criteria.revenueMin) = (type, minimum, revenue)
            let expected = Set(leads.filter { criteria.matches($0) }.map(\.id))
            #expect(try LeadCriteriaSQLTests.selected(criteria, db) == expected, "\(String(describing: type)) \(String(describing: minimum))")
        }
        // A data-quality flag (a late registration) selects the same way.
        let late = try db.leads("admin").add(db.draft(), capturedAt: TemporaryDatabase.mondayTen.addingTimeInterval(-3 * 86_400)).lead
        #expect(late.flags.contains(.lateRegistration))
        var flagged = LeadCriteria()
        flagged.leadFlags = [.lateRegistration]
        #expect(try LeadCriteriaSQLTests.selected(flagged, db) == [late.id])
        #expect(try db.allLeads().filter { flagged.matches($0) }.map(\.id) == [late.id])
        var query = LeadQuery()
        query.companyType = .stateOwned
        #expect(try db.leads("admin").list(query).count == 2)
        query.employeesMin = 500
        #expect(try db.leads("admin").list(query).count == 1)
    }
}
