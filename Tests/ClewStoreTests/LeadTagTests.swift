import ClewDomain
import ClewServices
@testable import ClewStore
import Foundation
import GRDB
import Testing

/// Manual tags as an audited record (issue 9's `tag` record, extended by issue 17).
@Suite("Manual tags are audited records")
struct LeadTagTests {
    @Test func aTagPutOnByHandIsARecordWithWhoAndWhenAndTheLeadCarriesIt() throws {
        let db = try TemporaryDatabase()
        let lead = try db.activeLead()
        let number = lead.number.description
        let tags = try TagService(context: db.context, actor: db.actor("alice")).add(["价格异议", " vip ", "vip"], to: number)
        #expect(tags == [LeadTag(name: "vip", addedBy: "alice", addedAt: TemporaryDatabase.mondayTen),
                         LeadTag(name: "价格异议", addedBy: "alice", addedAt: TemporaryDatabase.mondayTen)])
        #expect(try db.stored(lead.number).tags == ["价格异议", "vip"])
        // Audited twice over: the tag records' creation and the lead's tag set, each with the version it produced.
        let created = try db.auditRows(entity: "lead_tag").filter { $0.action == "tag" }
        #expect(created.count == 2 && Set(created.compactMap(\.new)) == ["价格异议", "vip"])
        #expect(try db.auditRows(entity: "lead", id: lead.id).contains { $0.action == "tag" && $0.field == "tags" })
        // The list, the board filter and the search find it.
        #expect(try db.leads("alice").list(LeadQuery()).filter { $0.tags.contains("价格异议") }.map(\.id) == [lead.id])
        var query = LeadQuery()
        query.tag = "价格异议"
        #expect(try db.leads("bob").list(query).map(\.id) == [lead.id])
        #expect(try db.search("价格异议").map(\.lead.id) == [lead.id])
    }

    @Test func removingKeepsTheRecordMarkedAndReAddingIsOneAuditedChange() throws {
        let db = try TemporaryDatabase()
        let lead = try db.activeLead()
        let number = lead.number.description
        let alice = TagService(context: db.context, actor: try db.actor("alice"))
        try alice.add(["vip"], to: number)
        #expect(try alice.remove(["vip"], from: number).isEmpty)
        #expect(try db.count("SELECT count(*) FROM lead_tag WHERE removed_by = 'alice'") == 1)
        #expect(try db.stored(lead.number).tags.isEmpty)
        let bob = TagService(context: db.context, actor: try db.actor("bob"))
        #expect(try bob.add(["vip"], to: number) == [LeadTag(name: "vip", addedBy: "bob", addedAt: TemporaryDatabase.mondayTen)])
        #expect(try db.count("SELECT count(*) FROM lead_tag") == 1)
        // Each change of the record says the version it produced: created, removed, re-added by bob.
        let versions = try db.database.read { try Int.fetchAll($0, sql: "SELECT version FROM audit WHERE entity = 'lead_tag' ORDER BY id") }
        #expect(versions == [1, 2, 3, 3])
        #expect(try db.strings("SELECT field FROM audit WHERE entity = 'lead_tag' AND version = 3 ORDER BY field") == ["added_by", "removed_by"])
    }

    @Test func badTagsAndMissingTagsAreRefusedAndNothingChanges() throws {
        let db = try TemporaryDatabase()
        let lead = try db.activeLead()
        let number = lead.number.description
        let alice = TagService(context: db.context, actor: try db.actor("alice"))
        #expect(throws: TagError.empty) { try alice.add(["  "], to: number) }
        #expect(throws: TagError.self) { try alice.add(["a,b"], to: number) }
        #expect(throws: TagError.self) { try alice.add(["x\u{1B}[31m"], to: number) }
        #expect(throws: TagError.tooLong(String(repeating: "长", count: 33), limit: 32)) { try alice.add([String(repeating: "长", count: 33)], to: number) }
        try alice.add(["vip"], to: number)
        #expect(throws: TagError.notOnLead(tag: "老客户", number: number)) { try alice.remove(["vip", "老客户"], from: number) }
        #expect(try db.stored(lead.number).tags == ["vip"], "a refused removal removes nothing")
        // A rep may not tag someone else's lead; a supervisor may tag their team's.
        #expect(throws: PermissionError.self) { try TagService(context: db.context, actor: db.actor("dave")).add(["x"], to: number) }
        #expect(throws: PermissionError.self) { try TagService(context: db.context, actor: db.actor("fred")).add(["x"], to: number) }
    }

    @Test func aKeywordTagIsListedAsTheAutomationsAndCanBeRemoved() throws {
        let db = try TemporaryDatabase()
        let lead = try db.activeLead()
        try db.database.write { try $0.execute(sql: "UPDATE lead SET tags = ',竞品,' WHERE id = ?", arguments: [lead.id]) }
        let alice = TagService(context: db.context, actor: try db.actor("alice"))
        #expect(try alice.tags(of: lead.number.description) == [LeadTag(name: "竞品")])
        #expect(try alice.remove(["竞品"], from: lead.number.description).isEmpty)
    }
}
