import ClewDomain
import ClewServices
@testable import ClewStore
import Foundation
import Testing

@Suite("Per-field optimistic concurrency")
struct PerFieldConcurrencyTests {
    @Test func followUpsNotesAndTasksNeverMakeADetailEditStale() throws {
        let db = try TemporaryDatabase()
        let lead = try db.activeLead()
        let number = lead.number.description
        let seen = try db.stored(lead.number).version
        db.clock.advance(by: 60)
        _ = try db.leads("alice").logFollowUp(number, db.followUp())
        _ = try db.leads("alice").addNote(number, body: "客户要求周五前报价")
        _ = try db.tasks("alice").add(title: "准备报价单", lead: number, assignee: nil, due: nil)
        _ = try db.leads("bob").grade(number, .a, reason: "预算明确")
        #expect(try db.stored(lead.number).version > seen)
        let edited = try db.leads("alice").edit(number, changes: LeadDraft(budget: "50万以上"), expectedVersion: seen)
        #expect(edited.details.budget == "50万以上")
        #expect(try db.stored(lead.number).grade == .a, "the grade changed meanwhile is kept")
    }

    @Test func anEditOfAFieldChangedSinceIsStaleNamingWhoChangedIt() throws {
        let db = try TemporaryDatabase()
        let lead = try db.activeLead()
        let number = lead.number.description
        let seen = try db.stored(lead.number).version
        db.clock.advance(by: 60)
        _ = try db.leads("bob").edit(number, changes: LeadDraft(need: "MES 二期"), expectedVersion: seen)
        _ = try db.leads("alice").addNote(number, body: "已确认")
        do {
            _ = try db.leads("alice").edit(number, changes: LeadDraft(need: "仅一期"), expectedVersion: seen)
            Issue.record("an edit over bob's change went through")
        } catch let StoreError.staleVersion(entity, changedBy, at) {
            #expect(entity == number)
            #expect(changedBy == "bob")
            #expect(at == db.clock.now())
        }
        #expect(try db.stored(lead.number).details.need == "MES 二期")
    }

    @Test func aVersionFromTheFutureIsRefused() throws {
        let db = try TemporaryDatabase()
        let lead = try db.addLead()
        #expect(throws: StoreError.self) {
            try db.leads("admin").edit(lead.number.description, changes: LeadDraft(budget: "10万"), expectedVersion: lead.version + 5)
        }
    }
}
