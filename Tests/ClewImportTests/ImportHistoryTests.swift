import ClewDomain
import ClewServices
@testable import ClewStore
import Foundation
import GRDB
import Testing

@Suite("Import history and undo")
struct ImportHistoryTests {
    static let file = """
        客户名称,联系人,电话,所属行业,需求描述,线索来源
        甲公司,张,13900000001,制造业,ERP,展会
        乙公司,李,13900000002,制造业,ERP,展会
        丙公司,王,13900000003,制造业,ERP,展会
        已有公司,赵,13800138000,,,
        """

    @Test func undoRemovesUntouchedLeadsAndKeepsWorkedOnesAndMerges() throws {
        let f = try ImportFixture()
        let existing = try f.leads("mia").add(LeadDraft(customer: "已有公司", phone: "13800138000")).lead
        let summary = try f.run(try f.csv("a.csv", Self.file), as: "mia")
        #expect((summary.inserted, summary.merged) == (3, 1))
        let id = try #require(summary.id)
        let b = try #require(try f.lead(phone: "13900000002"))
        let c = try #require(try f.lead(phone: "13900000003"))
        try f.leads().addNote(c.number.description, body: "已电话联系")
        _ = try f.leads().edit(b.number.description, changes: LeadDraft(title: "经理"))
        let auditBefore = try f.count("SELECT count(*) FROM audit")

        #expect(throws: ImportJobError.undoNotAllowed(id: id, importer: "mia")) { try f.importer("alice").undo(id) }   // neither admin nor the importer
        let report = try f.importer("mia").undo(id)
        #expect(report.removed.count == 1)
        #expect(Set(report.kept.map(\.number)) == [b.number.description, c.number.description])
        #expect(report.kept.first { $0.number == c.number.description }?.reason == "has new notes")
        #expect(report.kept.first { $0.number == b.number.description }?.reason.hasPrefix("changed since the import") == true)
        #expect(report.mergesKept == 1)
        #expect(try f.lead(phone: "13900000001") == nil)
        #expect(try f.lead(phone: "13800138000")?.id == existing.id, "the merged-into lead stays")
        #expect(try f.count("SELECT count(*) FROM lead_search WHERE rowid NOT IN (SELECT id FROM lead)") == 0, "search rows go with the lead")
        // The audit trail only grows: a purge row for the lead, an undo row for the import.
        #expect(try f.count("SELECT count(*) FROM audit") == auditBefore + 2)
        #expect(try f.count("SELECT count(*) FROM audit WHERE action = 'purge' AND old = ?", [report.removed[0]]) == 1)
        #expect(try f.count("SELECT count(*) FROM audit WHERE action = 'import' AND new LIKE ?", ["%" + report.removed[0]]) == 1)

        let history = try f.importer("mia").history()
        #expect(history.count == 1)
        #expect(history[0].status == "partly-undone")
        #expect(history[0].remaining == 2)
        #expect((history[0].rows, history[0].inserted, history[0].merged) == (4, 3, 1))
        #expect(try f.importer("alice").history().isEmpty, "a rep sees their own imports only")
        #expect(try f.importer("bob").history().count == 1)
    }

    @Test func aWholeImportUndoneLeavesNoLeadBehind() throws {
        let f = try ImportFixture()
        let summary = try f.run(try f.csv("a.csv", Self.file))
        let report = try f.importer().undo(try #require(summary.id))
        #expect(report.removed.count == 4 && report.kept.isEmpty)
        #expect(try f.count("SELECT count(*) FROM lead") == 0)
        #expect(try f.importer().history().first?.status == "undone")
        #expect(throws: StoreError.notFound("no import #99; see 'clew import list'")) { try f.importer().undo(99) }
        // Importing again after an undo creates the leads again.
        #expect(try f.run(try f.csv("a.csv", Self.file)).inserted == 4)
    }
}
