import ClewDomain
import ClewServices
@testable import ClewStore
import Foundation
import GRDB
import Testing

/// Every change leaves an append-only audit row saying who changed what from what to what.
@Suite("Audit trail")
struct AuditTrailTests {
    /// Expects one row with `action` on `field` (old → new) made by `actor`.
    func expectRow(_ rows: [AuditEntry], _ action: String, field: String?, old: String?, new: String?, actor: String,
                   sourceLocation: SourceLocation = #_sourceLocation) {
        let match = rows.first { $0.action == action && $0.field == field }
        guard let match else {
            Issue.record("no '\(action)' row on \(field ?? "-") in \(rows.map(\.change))", sourceLocation: sourceLocation)
            return
        }
        #expect(match.old == old, "old of \(match.change)", sourceLocation: sourceLocation)
        #expect(match.new == new, "new of \(match.change)", sourceLocation: sourceLocation)
        #expect(match.actor == actor, "actor of \(match.change)", sourceLocation: sourceLocation)
    }

    @Test func addingALead() throws {
        let db = try TemporaryDatabase()
        let lead = try db.addLead(by: "mia")
        let rows = try db.auditRows(entity: "lead", id: lead.id)
        expectRow(rows, "create", field: "number", old: nil, new: lead.number.description, actor: "mia")
        #expect(rows.allSatisfy { $0.at == db.clock.now() && $0.via == nil })
    }

    @Test func editingALead() throws {
        let db = try TemporaryDatabase()
        let lead = try db.addLead(LeadDraft(customer: "宁波瑞丰贸易", phone: db.uniquePhone(), source: "官网注册"))
        db.clock.advance(by: 60)
        _ = try db.leads("bob").edit(lead.number.description, changes: LeadDraft(contact: "李娜", industry: "零售", need: "CRM", budget: "30-50万"))
        let rows = try db.auditRows(entity: "lead", id: lead.id).filter { $0.action == "edit" }
        expectRow(rows, "edit", field: "contact", old: nil, new: "李娜", actor: "bob")
        expectRow(rows, "edit", field: "budget", old: nil, new: "30-50万", actor: "bob")
        expectRow(rows, "edit", field: "status", old: "new", new: "screening", actor: "bob")
        #expect(rows.allSatisfy { $0.at == db.clock.now() })
        // Unchanged fields are not audited.
        #expect(!rows.contains { $0.field == "customer" || $0.field == "phone" })
        // Matching keys are internal and not audited.
        #expect(!rows.contains { $0.field == "phone_key" || $0.field == "version" })
    }

    @Test func gradingAssigningConfirmingAndObjecting() throws {
        let db = try TemporaryDatabase()
        let lead = try db.addLead()
        let number = lead.number.description
        try db.leads("bob").grade(number, .a, reason: "预算明确")
        try db.leads("bob").assign(number, to: "alice")
        var rows = try db.auditRows(entity: "lead", id: lead.id)
        expectRow(rows, "grade", field: "grade", old: nil, new: "A", actor: "bob")
        expectRow(rows, "grade-reason", field: "grade_reason", old: nil, new: "预算明确", actor: "bob")
        expectRow(rows, "assign", field: "status", old: "screening", new: "assigned", actor: "bob")
        expectRow(rows, "assign", field: "owner", old: nil, new: "alice", actor: "bob")

        try db.leads("alice").object(number, reason: "不在我的区域")
        rows = try db.auditRows(entity: "lead", id: lead.id)
        expectRow(rows, "object", field: "status", old: "assigned", new: "screening", actor: "alice")
        expectRow(rows, "object", field: "owner", old: "alice", new: nil, actor: "alice")
        expectRow(rows, "object-reason", field: "objection", old: nil, new: "不在我的区域", actor: "alice")

        try db.leads("bob").assign(number, to: "carol")
        try db.leads("carol").confirm(number)
        rows = try db.auditRows(entity: "lead", id: lead.id).filter { $0.action == "confirm" }
        expectRow(rows, "confirm", field: "status", old: "assigned", new: "active", actor: "carol")
        expectRow(rows, "confirm", field: "stage", old: nil, new: "discovery", actor: "carol")
    }

    @Test func followUpsMovesAndTheirTasks() throws {
        let db = try TemporaryDatabase()
        let lead = try db.activeLead()
        let number = lead.number.description
        let result = try db.leads("alice").logFollowUp(number, db.followUp())
        _ = try db.leads("alice").move(number, to: "proposal")
        let rows = try db.auditRows(entity: "lead", id: lead.id)
        expectRow(rows, "follow-up", field: "follow_up", old: nil, new: String(result.followUpID), actor: "alice")
        expectRow(rows, "move", field: "stage", old: "discovery", new: "proposal", actor: "alice")
        let taskID = try #require(result.taskID)
        expectRow(try db.auditRows(entity: "task", id: taskID), "create", field: "title", old: nil, new: "发送方案", actor: "alice")
    }

    @Test func winningAndItsConversion() throws {
        let db = try TemporaryDatabase()
        let lead = try db.activeLead()
        try db.leads("bob").toContract(lead.number.description)
        try db.leads("alice").win(lead.number.description, amount: Money(yuan: 380_000))
        let rows = try db.auditRows(entity: "lead", id: lead.id)
        expectRow(rows, "win", field: "status", old: "active", new: "won", actor: "alice")
        expectRow(rows, "win", field: "amount_fen", old: nil, new: "38000000", actor: "alice")
        // The customer was made when bob moved the deal to the contract stage (its draft contract's, issue 14).
        expectRow(try db.auditRows(entity: "customer"), "contract", field: "name", old: nil, new: lead.details.customer, actor: "bob")
        expectRow(try db.auditRows(entity: "contact"), "convert", field: "name", old: nil, new: lead.details.contact, actor: "alice")
        expectRow(try db.auditRows(entity: "opportunity"), "convert", field: "amount", old: nil, new: "¥380,000", actor: "alice")
    }

    @Test func losingAndTheCancelledTasks() throws {
        let db = try TemporaryDatabase()
        let lead = try db.activeLead()
        let taskID = try #require(try db.leads("alice").logFollowUp(lead.number.description, db.followUp()).taskID)
        try db.leads("alice").lose(lead.number.description, reason: .choseCompetitor)
        let rows = try db.auditRows(entity: "lead", id: lead.id)
        expectRow(rows, "lose", field: "status", old: "active", new: "lost", actor: "alice")
        expectRow(rows, "lose", field: "lost_reason", old: nil, new: "competitor", actor: "alice")
        expectRow(try db.auditRows(entity: "task", id: taskID), "cancel", field: "status", old: "open", new: "cancelled", actor: "alice")
    }

    @Test func merging() throws {
        let db = try TemporaryDatabase()
        let a = try db.addLead(db.draft(customer: "恒通科技", budget: "30-50万"))
        let b = try db.addLead(db.draft(customer: "杭州恒通科技有限公司"))
        _ = try db.leads("bob").merge(a.number.description, into: b.number.description)
        let tombstone = try db.auditRows(entity: "lead", id: a.id)
        expectRow(tombstone, "merge", field: "status", old: "screening", new: "merged", actor: "bob")
        expectRow(tombstone, "merge", field: "merged_into", old: nil, new: String(b.id), actor: "bob")
        let survivor = try db.auditRows(entity: "lead", id: b.id)
        expectRow(survivor, "merge-details", field: "merged_from", old: nil, new: a.number.description, actor: "bob")
        expectRow(survivor, "merge", field: "budget", old: nil, new: "30-50万", actor: "bob")
    }

    @Test func notes() throws {
        let db = try TemporaryDatabase()
        let lead = try db.activeLead()
        try db.leads("alice").addNote(lead.number.description, body: "客户下周出差")
        let rows = try db.auditRows(entity: "lead", id: lead.id)
        let row = try #require(rows.first("note"))
        #expect(row.field == "note")
        #expect(row.actor == "alice")
        let noteID = try #require(row.new.flatMap(Int64.init))
        #expect(try db.strings("SELECT body FROM note WHERE id = ?", [noteID]) == ["客户下周出差"])
    }

    @Test func tasksAddedCompletedAndSnoozed() throws {
        let db = try TemporaryDatabase()
        let lead = try db.activeLead()
        let tasks = try db.tasks("alice")
        let due = db.clock.now().addingTimeInterval(86_400)
        let first = try tasks.add(title: "准备报价单", lead: lead.number.description, assignee: nil, due: due)
        let second = try tasks.add(title: "整理会议纪要", lead: nil, assignee: nil, due: due)
        try tasks.complete(first.id)
        let until = db.clock.now().addingTimeInterval(3 * 86_400)
        try tasks.snooze(second.id, until: until)
        expectRow(try db.auditRows(entity: "task", id: first.id), "create", field: "title", old: nil, new: "准备报价单", actor: "alice")
        expectRow(try db.auditRows(entity: "task", id: first.id), "complete", field: "status", old: "open", new: "done", actor: "alice")
        expectRow(try db.auditRows(entity: "task", id: second.id), "snooze", field: "snoozed_until", old: nil,
                  new: StoreError.timestamp(until), actor: "alice")
        #expect(throws: TaskError.notOpen(id: first.id, status: .done)) { try tasks.complete(first.id) }
        #expect(throws: TaskError.snoozeInThePast) { try tasks.snooze(second.id, until: db.clock.now().addingTimeInterval(-60)) }
    }

    @Test func usersAddedAndDeactivated() throws {
        let db = try TemporaryDatabase()
        let rows = try db.auditRows(entity: "user")
        // Users are written through the one audited path (issue 9): a row per changed column, on the user's row id.
        expectRow(rows, "create", field: "login", old: nil, new: "admin", actor: "admin")
        #expect(rows.contains { $0.action == "create" && $0.field == "login" && $0.new == "alice" && $0.actor == "admin" })
        try db.users.deactivate("carol", handoverTo: "alice", by: db.actor("admin"))
        let carol = try db.count("SELECT rowid FROM user WHERE login = 'carol'")
        expectRow(try db.auditRows(entity: "user", id: Int64(carol)), "deactivate", field: "active", old: "1", new: "0", actor: "admin")
        try db.users.setAway("alice", until: db.clock.now().addingTimeInterval(86_400), by: db.actor("admin"))
        let alice = try db.count("SELECT rowid FROM user WHERE login = 'alice'")
        expectRow(try db.auditRows(entity: "user", id: Int64(alice)), "away", field: "away_until", old: nil,
                  new: StoreError.timestamp(db.clock.now().addingTimeInterval(86_400)), actor: "admin")
    }

    @Test func holidays() throws {
        let db = try TemporaryDatabase()
        let store = HolidayStore(context: db.context, actor: try db.actor("admin"))
        try store.set([CalendarDay(year: 2026, month: 10, day: 1), CalendarDay(year: 2026, month: 10, day: 2)], isHoliday: true, name: "国庆节")
        try store.set([CalendarDay(year: 2026, month: 10, day: 10)], isHoliday: false, name: "调休")
        try store.remove([CalendarDay(year: 2026, month: 10, day: 2)])
        let rows = try db.auditRows(entity: "holiday")
        expectRow(rows, "set-holiday", field: "2026-10-01", old: nil, new: "holiday", actor: "admin")
        expectRow(rows, "set-holiday", field: "2026-10-10", old: nil, new: "workday", actor: "admin")
        expectRow(rows, "remove-holiday", field: "2026-10-02", old: nil, new: nil, actor: "admin")
        #expect(try store.list().map(\.day.description) == ["2026-10-01", "2026-10-10"])
        #expect(throws: PermissionError.self) {
            try HolidayStore(context: db.context, actor: try db.actor("bob")).set([CalendarDay(year: 2026, month: 5, day: 1)], isHoliday: true, name: nil)
        }
    }

    @Test func theAuditTableRefusesUpdates() throws {
        let db = try TemporaryDatabase()
        _ = try db.addLead()
        let before = try db.auditRows()
        #expect(performing: { try db.database.write { try $0.execute(sql: "UPDATE audit SET actor = 'mallory'") } }, throws: { error in
            "\(error)".contains("append-only")
        })
        #expect(try db.auditRows() == before)
    }

    @Test func theAuditTableRefusesDeletes() throws {
        let db = try TemporaryDatabase()
        _ = try db.addLead()
        let before = try db.auditRows()
        #expect(performing: { try db.database.write { try $0.execute(sql: "DELETE FROM audit WHERE entity = 'lead'") } }, throws: { error in
            "\(error)".contains("append-only")
        })
        #expect(try db.auditRows() == before)
    }

    @Test func impersonationIsRecordedInVia() throws {
        let db = try TemporaryDatabase()
        let lead = try db.assignedLead()
        let asAlice = try db.leads("admin", as: "alice")
        #expect(asAlice.actor.login == "alice")
        #expect(asAlice.actor.impersonator == "admin")
        try asAlice.confirm(lead.number.description)
        let rows = try db.auditRows(entity: "lead", id: lead.id).filter { $0.action == "confirm" }
        #expect(!rows.isEmpty)
        #expect(rows.allSatisfy { $0.actor == "alice" && $0.via == "admin" })
        // Rows written without --as have no via.
        #expect(try db.auditRows(entity: "lead", id: lead.id).filter { $0.action == "assign" }.allSatisfy { $0.via == nil })
        // And the history shown on the lead carries it.
        #expect(try db.leads("admin").detail(lead.number.description).history.contains { $0.action == "confirm" && $0.via == "admin" })
    }

    @Test func onlyAdminsMayImpersonate() throws {
        let db = try TemporaryDatabase()
        #expect(throws: PermissionError.impersonationRefused(login: "bob")) { try db.actor("bob", as: "alice") }
        #expect(throws: IdentityError.unknownUser("alcie", suggestion: "alice")) { try db.actor("admin", as: "alcie") }
        // Acting as yourself is not impersonation.
        #expect(try db.actor("bob", as: "bob").impersonator == nil)
    }
}
