import ClewDomain
import ClewServices
@testable import ClewStore
import Testing

@Suite("Unchanged edits")
struct UnchangedEditTests {
    @Test func savingAnUnchangedLeadWritesNoAuditRowAndNoVersion() throws {
        let db = try TemporaryDatabase()
        let lead = try db.addLead()
        let audits = try db.strings("SELECT CAST(count(*) AS TEXT) FROM audit")
        let same = try db.leads("admin").edit(lead.number.description, changes: lead.details)
        #expect(same.version == lead.version)
        #expect(try db.strings("SELECT CAST(count(*) AS TEXT) FROM audit") == audits)
    }
}
