import ClewDomain
import ClewServices
@testable import ClewStore
import Foundation
import Testing

@Suite("A colleague given a task on a lead reads that lead (seed 000: 跨部门协作)")
struct TaskAssigneeReadTests {
    @Test func aRepGivenATaskOnAColleaguesLeadReadsItAndNothingMore() throws {
        let db = try TemporaryDatabase()
        let number = try db.activeLead().number.description
        // dave (erin's team) cannot see alice's lead until she gives him a task on it.
        #expect(throws: PermissionError.notVisible(number)) { try db.leads("dave").detail(number) }
        _ = try db.tasks("bob").add(title: "帮忙准备华南客户的演示", lead: number, assignee: "dave", due: nil)
        let detail = try db.leads("dave").detail(number)
        #expect(detail.lead.number.description == number)
        #expect(try db.leads("dave").lead(number).owner == "alice")
        // Reading only: he cannot edit, note, move or win it.
        #expect(throws: PermissionError.self) { try db.leads("dave").edit(number, changes: LeadDraft(need: "x")) }
        #expect(throws: PermissionError.self) { try db.leads("dave").move(number, to: "proposal") }
        #expect(throws: PermissionError.self) { try db.leads("dave").win(number, amount: Money(yuan: 1000)) }
        // Carol, with no task there, still cannot see it.
        #expect(throws: PermissionError.notVisible(number)) { try db.leads("carol").detail(number) }
        #expect(AccessPolicy.allowsAsTaskAssignee(.read, hasTask: true))
        #expect(!AccessPolicy.allowsAsTaskAssignee(.edit, hasTask: true))
        #expect(!AccessPolicy.allowsAsTaskAssignee(.read, hasTask: false))
    }

    @Test func aCancelledTaskGivesNoAccess() throws {
        let db = try TemporaryDatabase()
        let number = try db.activeLead().number.description
        let task = try db.tasks("bob").add(title: "x", lead: number, assignee: "dave", due: nil)
        try db.database.write { try $0.execute(sql: "UPDATE task SET status = 'cancelled' WHERE id = ?", arguments: [task.id]) }
        #expect(throws: PermissionError.notVisible(number)) { try db.leads("dave").detail(number) }
    }
}
