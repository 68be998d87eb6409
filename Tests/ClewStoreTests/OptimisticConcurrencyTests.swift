import ClewDomain
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

    @Test(arguments: ["grade", "win", "lose", "move"])
    func otherWritesWithAVersionAreCheckedToo(_ operation: String) throws {
        let db = try TemporaryDatabase()
        let lead = try db.activeLead()
        let number = lead.number.description
        let stale = lead.version - 1
        let service = try db.leads(operation == "grade" ? "bob" : "alice")
        #expect(throws: StoreError.self) {
            switch operation {
            case "grade": try service.grade(number, .b, reason: "意向下降", expectedVersion: stale)
            case "win": try service.win(number, amount: Money(yuan: 1_000), expectedVersion: stale)
            case "lose": try service.lose(number, reason: .noFit, expectedVersion: stale)
            default: _ = try service.move(number, to: "discovery", expectedVersion: stale)
            }
        }
        #expect(try db.stored(lead.number).version == lead.version)
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
