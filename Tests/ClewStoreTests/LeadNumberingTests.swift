import ClewDomain
@testable import ClewAutomation
import ClewServices
@testable import ClewStore
import Foundation
import Testing

@Suite("Lead numbering")
struct LeadNumberingTests {
    @Test func numbersAreSequentialWithinADay() throws {
        let db = try TemporaryDatabase()
        let numbers = try (0..<3).map { _ in try db.addLead().number.description }
        #expect(numbers == ["XL-20261123-001", "XL-20261123-002", "XL-20261123-003"])
    }

    @Test func aNewDayStartsANewSequence() throws {
        let db = try TemporaryDatabase()
        #expect(try db.addLead().number.description == "XL-20261123-001")
        #expect(try db.addLead().number.description == "XL-20261123-002")
        db.clock.advance(by: 86_400)
        #expect(try db.addLead().number.description == "XL-20261124-001")
        #expect(try db.addLead().number.description == "XL-20261124-002")
    }

    @Test func theDayIsTheCalendarsLocalDay() throws {
        let db = try TemporaryDatabase()
        // 23:30 Monday in Shanghai is still Monday (15:30 UTC)…
        db.clock.set(TemporaryDatabase.monday.date(in: TemporaryDatabase.timeZone).addingTimeInterval(23.5 * 3_600))
        #expect(try db.addLead().number.description == "XL-20261123-001")
        // …and 00:30 Tuesday in Shanghai is Tuesday although it is still Monday in UTC.
        db.clock.advance(by: 3_600)
        #expect(try db.addLead().number.description == "XL-20261124-001")
    }

    @Test func sequencesPastNineHundredNinetyNineUseFourDigits() throws {
        let db = try TemporaryDatabase()
        try db.database.write { try $0.execute(sql: "INSERT INTO lead_sequence (day, last) VALUES ('2026-11-23', 998)") }
        let numbers = try (0..<3).map { _ in try db.addLead().number.description }
        #expect(numbers == ["XL-20261123-999", "XL-20261123-1000", "XL-20261123-1001"])
        // The four-digit numbers round-trip through lookup.
        #expect(try db.leads("admin").lead("xl-20261123-1000").number.sequence == 1000)
    }

    @Test func aRefusedRegistrationUsesNoNumber() throws {
        let db = try TemporaryDatabase()
        let first = try db.addLead(db.draft(phone: "13800138000"))
        #expect(throws: DuplicateLeadError.self) { try db.addLead(db.draft(phone: "138 0013 8000")) }
        #expect(first.number.sequence == 1)
        #expect(try db.addLead().number.description == "XL-20261123-002")
    }

    @Test func concurrentWritersOnSeparateConnectionsGetUniqueConsecutiveNumbers() throws {
        let db = try TemporaryDatabase()
        let writers = 5, perWriter = 10
        let results = ResultBox()
        DispatchQueue.concurrentPerform(iterations: writers) { writer in
            do {
                let connection = try ClewDatabase(path: db.path)
                defer { try? connection.close() }
                let context = ClewContext(database: connection, automation: AutomationEngine(), clock: db.clock, calendar: db.context.calendar)
                let service = LeadService(context: context, actor: try UserDirectory(context: context).actingUser(osLogin: "admin"))
                for _ in 0..<perWriter {
                    results.append(.success(try service.add(db.draft()).lead.number.description))
                }
            } catch {
                results.append(.failure(error))
            }
        }
        let numbers = try results.values.map { try $0.get() }
        #expect(numbers.count == writers * perWriter)
        #expect(Set(numbers).count == numbers.count)
        let sequences = numbers.compactMap { LeadNumber($0)?.sequence }.sorted()
        #expect(sequences == Array(1...(writers * perWriter)))
    }
}

/// Collects results from concurrent work.
final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [Result<String, any Error>] = []
    func append(_ item: Result<String, any Error>) { lock.withLock { items.append(item) } }
    var values: [Result<String, any Error>] { lock.withLock { items } }
}
