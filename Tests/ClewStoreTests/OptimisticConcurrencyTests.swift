import ClewDomain
import ClewServices
@testable import ClewStore
import Foundation
import Testing

@Suite("Optimistic concurrency")
struct OptimisticConcurrencyTests {
    @Test func anEditOnAStaleVersionIsRefusedNamingWhoChangedIt() throws {
        let db = try TemporaryDatabase()
        let lead = try db.addLead()
        let number = lead.number.description
        #expect(lead.version == 1)
        db.clock.advance(by: 90)
        let bobs = try db.leads("bob").edit(number, changes: LeadDraft(budget: "30-50万"), expectedVersion: 1)
        #expect(bobs.version == 2)
        do {
            _ = try db.leads("admin").edit(number, changes: LeadDraft(budget: "10万以下"), expectedVersion: 1)
            Issue.record("a stale edit went through")
        } catch let error as StoreError {
            guard case let .staleVersion(entity, changedBy, at) = error else { Issue.record("unexpected \(error)"); return }
            #expect(entity == number)
            #expect(changedBy == "bob")
            #expect(at == db.clock.now())
            #expect(error.description.contains("changed by bob at "))
            #expect(error.description.contains(StoreError.timestamp(db.clock.now())))
        }
        #expect(try db.stored(lead.number).details.budget == "30-50万")
        #expect(try db.stored(lead.number).version == 2)
    }

    /// Concurrency is per field: a write from an older version is refused when a field it
    /// changes was changed since (a regrade over a regrade, a move over a move), and goes
    /// through when only other fields changed (a win or loss after a note and a follow-up).
    @Test(arguments: ["grade", "move"])
    func otherWritesWithAVersionAreCheckedToo(_ operation: String) throws {
        let db = try TemporaryDatabase()
        let lead = try db.activeLead()
        let number = lead.number.description
        let stale = lead.version
        if operation == "grade" {
            _ = try db.leads("bob").grade(number, .c, reason: "预算不明")
        } else {
            _ = try db.leads("alice").logFollowUp(number, db.followUp(next: nil))
            _ = try db.leads("alice").move(number, to: "proposal")
            _ = try db.leads("alice").logFollowUp(number, db.followUp(next: nil))
        }
        let version = try db.stored(lead.number).version
        #expect(throws: StoreError.self) {
            switch operation {
            case "grade": try db.leads("bob").grade(number, .b, reason: "意向下降", expectedVersion: stale)
            default: _ = try db.leads("alice").move(number, to: "negotiation", expectedVersion: stale)
            }
        }
        #expect(try db.stored(lead.number).version == version)
    }

    @Test(arguments: ["win", "lose"])
    func aCloseFromAnOlderVersionGoesThroughWhenNoFieldItChangesMovedOn(_ operation: String) throws {
        let db = try TemporaryDatabase()
        let lead = try db.activeLead()
        let number = lead.number.description
        let seen = lead.version
        _ = try db.leads("alice").addNote(number, body: "客户已口头确认")
        _ = try db.leads("alice").logFollowUp(number, db.followUp(next: nil))
        let bob = try db.leads("bob")
        if operation == "win" {
            #expect(try bob.win(number, amount: Money(yuan: 1_000), expectedVersion: seen).status == .won)
        } else {
            #expect(try bob.lose(number, reason: .noFit, expectedVersion: seen).status == .lost)
        }
    }

    @Test func everyChangeBumpsTheVersionByOne() throws {
        let db = try TemporaryDatabase()
        let lead = try db.addLead()
        let number = lead.number.description
        var version = lead.version
        for step in 0..<3 {
            let edited = try db.leads("admin").edit(number, changes: LeadDraft(budget: "预算 \(step)"), expectedVersion: version)
            #expect(edited.version == version + 1)
            version = edited.version
        }
        #expect(try db.stored(lead.number).version == 4)
    }
}
