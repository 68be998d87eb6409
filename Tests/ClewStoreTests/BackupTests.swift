import ClewDomain
@testable import ClewAutomation
import ClewServices
@testable import ClewStore
import Foundation
import Testing

@Suite("Backup")
struct BackupTests {
    @Test func aBackupOpensAndHoldsTheSameLeads() throws {
        let db = try TemporaryDatabase()
        let active = try db.activeLead()
        _ = try db.leads("alice").logFollowUp(active.number.description, db.followUp())
        for _ in 0..<4 { try db.addLead() }
        let destination = db.directory.appendingPathComponent("backup.db").path
        try Maintenance.backup(db.database, to: destination, actor: db.actor("admin"))
        #expect(FileManager.default.fileExists(atPath: destination))

        let copy = try ClewDatabase(path: destination)
        defer { try? copy.close() }
        let context = ClewContext(database: copy, automation: AutomationEngine(), clock: db.clock, calendar: db.context.calendar)
        let admin = try UserDirectory(context: context).actingUser(osLogin: "admin")
        let leads = try LeadService(context: context, actor: admin).list(LeadQuery(limit: 1_000))
        #expect(leads.count == 5)
        #expect(Set(leads.map(\.number)) == Set(try db.allLeads().map(\.number)))
        #expect(try LeadService(context: context, actor: admin).detail(active.number.description).followUps.count == 1)
        #expect(try Maintenance.doctor(copy).filter { $0.level == "error" }.isEmpty)
        #expect(try SearchService(context: context, actor: admin).search("恒通").count == 5)
    }

    @Test func aBackupRefusesToOverwriteAFile() throws {
        let db = try TemporaryDatabase()
        let destination = db.directory.appendingPathComponent("exists.db").path
        try Data("keep me".utf8).write(to: URL(fileURLWithPath: destination))
        #expect(throws: StoreError.fileExists(destination)) {
            try Maintenance.backup(db.database, to: destination, actor: db.actor("admin"))
        }
        #expect(try String(contentsOfFile: destination, encoding: .utf8) == "keep me")
    }

    @Test func onlyAdminsBackUp() throws {
        let db = try TemporaryDatabase()
        let destination = db.directory.appendingPathComponent("b.db").path
        #expect(throws: PermissionError.self) { try Maintenance.backup(db.database, to: destination, actor: db.actor("bob")) }
        #expect(!FileManager.default.fileExists(atPath: destination))
    }
}
