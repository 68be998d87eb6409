import ClewDomain
@testable import ClewAutomation
import ClewServices
@testable import ClewStore
import Foundation
import Testing

@Suite("Change feed")
struct ChangeFeedTests {
    @Test func pollSeesCommitsFromAnotherConnectionAndFromItsOwnDatabase() throws {
        let db = try TemporaryDatabase()
        let feed = try ChangeFeed(database: db.database)
        #expect(try feed.poll() == false)
        #expect(try feed.poll() == false)

        // Another process: a second ClewDatabase on the same file.
        let other = try ClewDatabase(path: db.path)
        defer { try? other.close() }
        let otherContext = ClewContext(database: other, automation: AutomationEngine(), clock: db.clock, calendar: db.context.calendar)
        let otherAdmin = try UserDirectory(context: otherContext).actingUser(osLogin: "admin")
        #expect(try feed.poll() == false, "opening a connection is not a change")
        _ = try LeadService(context: otherContext, actor: otherAdmin).add(db.draft())
        #expect(try feed.poll() == true)
        #expect(try feed.poll() == false)

        // This process's own pool.
        try db.addLead()
        #expect(try feed.poll() == true)
        #expect(try feed.poll() == false)

        // Reads are not changes.
        _ = try db.allLeads()
        _ = try db.search("恒通")
        #expect(try feed.poll() == false)
    }

    @Test func aRefusedWriteIsNotAChange() throws {
        let db = try TemporaryDatabase()
        let lead = try db.addLead(db.draft(phone: "13800138000"))
        let feed = try ChangeFeed(database: db.database)
        #expect(throws: DuplicateLeadError.self) { try db.addLead(db.draft(phone: "13800138000")) }
        #expect(throws: StoreError.self) { try db.leads("admin").edit(lead.number.description, changes: LeadDraft(budget: "x"), expectedVersion: 9) }
        #expect(try feed.poll() == false)
    }

    @Test func theStreamYieldsAfterACommit() async throws {
        let db = try TemporaryDatabase()
        let feed = try ChangeFeed(database: db.database)
        let stream = feed.changes(every: .milliseconds(20))
        try db.addLead()
        var iterator = stream.makeAsyncIterator()
        let yielded: Void? = await iterator.next()
        #expect(yielded != nil)
    }
}

@Suite("Change feed on an existing database")
struct ChangeFeedIdleConnectionTests {
    /// Opening an existing file, the feed reads on the read-only pool's idle writer connection
    /// (no connection of its own): it still sees this process's own commits and another's.
    @Test func theFeedOnTheIdleConnectionSeesEveryCommit() throws {
        let db = try TemporaryDatabase()
        let reopened = try ClewDatabase(path: db.path)
        defer { try? reopened.close() }
        #expect(reopened.idleConnection != nil)
        #expect(db.database.idleConnection == nil, "a database this process created writes through its pool")
        let feed = try ChangeFeed(database: reopened)
        guard case .idle = feed.connection else {
            Issue.record("the feed opened a connection of its own")
            return
        }
        #expect(try feed.poll() == false)
        let context = ClewContext(database: reopened, automation: AutomationEngine(), clock: db.clock, calendar: db.context.calendar)
        let admin = try UserDirectory(context: context).actingUser(osLogin: "admin")
        let mark = try feed.mark(for: "admin")
        _ = try LeadService(context: context, actor: admin).add(db.draft()) // this process's own write
        #expect(try feed.poll() == true)
        #expect(try feed.poll() == false)
        let (changes, _) = try feed.changes(since: mark, for: "admin")
        #expect(changes.entities.contains("lead"))
        try db.addLead(db.draft(phone: "13900139000")) // another connection's write
        #expect(try feed.poll() == true)
    }
}
