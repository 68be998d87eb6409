import ClewDomain
@testable import ClewAutomation
import ClewServices
@testable import ClewStore
import Foundation
import GRDB
import Testing

@Suite("Migrations and opening")
struct MigrationTests {
    static let expectedTables = [
        "user", "lead_sequence", "lead", "stage_history", "follow_up", "task", "note", "notification", "approval",
        "customer", "contact", "opportunity", "holiday", "audit", "lead_search", "follow_up_search",
    ]

    @Test func emptyDatabaseGetsEveryTable() throws {
        let db = try TemporaryDatabase(withTeam: false)
        let tables = Set(try db.strings("SELECT name FROM sqlite_master WHERE type IN ('table')"))
        for table in Self.expectedTables {
            #expect(tables.contains(table), "missing table \(table)")
        }
        let applied = try db.strings("SELECT identifier FROM grdb_migrations ORDER BY rowid")
        #expect(applied == ClewMigrations.identifiers)
    }

    @Test func doctorFindsNothingWrongWithAFreshDatabase() throws {
        let db = try TemporaryDatabase()
        let findings = try Maintenance.doctor(db.database)
        #expect(!findings.isEmpty)
        #expect(findings.allSatisfy { $0.level == "ok" }, "\(findings.filter { $0.level != "ok" })")
        #expect(findings.contains { $0.check == "journal" && $0.detail == "WAL" })
    }

    @Test func doctorStaysCleanAfterAFullLifecycle() throws {
        let db = try TemporaryDatabase()
        let lead = try db.activeLead()
        let number = lead.number.description
        _ = try db.leads("alice").logFollowUp(number, db.followUp())
        _ = try db.leads("alice").move(number, to: "proposal")
        try db.leads("bob").toContract(number)
        try db.leads("alice").win(number, amount: Money(yuan: 380_000))
        let findings = try Maintenance.doctor(db.database)
        #expect(findings.allSatisfy { $0.level == "ok" }, "\(findings.filter { $0.level != "ok" })")
    }

    @Test func reopeningKeepsDataAndDoesNotMigrateAgain() throws {
        let db = try TemporaryDatabase()
        let lead = try db.addLead()
        let reopened = try ClewDatabase(path: db.path)
        defer { try? reopened.close() }
        let context = ClewContext(database: reopened, automation: AutomationEngine(), clock: db.clock, calendar: db.context.calendar)
        let admin = try UserDirectory(context: context).actingUser(osLogin: "admin")
        #expect(admin.role == .admin)
        let again = try LeadService(context: context, actor: admin).lead(lead.number.description)
        #expect(again == lead)
        #expect(try db.count("SELECT count(*) FROM grdb_migrations") == ClewMigrations.identifiers.count)
        #expect(try UserDirectory(context: context).list().count == TemporaryDatabase.team.count + 1)
    }

    @Test func openingAMissingFileWithoutCreateIsRefused() throws {
        let db = try TemporaryDatabase(withTeam: false)
        let missing = db.directory.appendingPathComponent("nope.db").path
        #expect(throws: StoreError.databaseMissing(missing)) { try ClewDatabase(path: missing) }
        #expect(!FileManager.default.fileExists(atPath: missing))
    }

    @Test func initializingTwiceIsRefused() throws {
        let db = try TemporaryDatabase(withTeam: false)
        #expect(throws: StoreError.alreadyInitialized(db.path)) {
            try Maintenance.initialize(path: db.path, admin: "someone", name: "Someone", clock: db.clock)
        }
        #expect(try db.strings("SELECT login FROM user") == ["admin"])
    }

    @Test func aDatabaseMigratedByANewerClewIsRefused() throws {
        let db = try TemporaryDatabase(withTeam: false)
        try db.database.write { try $0.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99-from-the-future')") }
        #expect(throws: StoreError.databaseNewerThanClew(db.path)) { try ClewDatabase(path: db.path) }
    }

    @Test func unknownOSUserIsNotAClewUser() throws {
        let db = try TemporaryDatabase(withTeam: false)
        #expect(throws: IdentityError.notAUser("nobody")) { try db.actor("nobody") }
        #expect(IdentityError.notAUser("nobody").description == "you are not a Clew user; ask an admin (clew user add nobody)")
    }
}
