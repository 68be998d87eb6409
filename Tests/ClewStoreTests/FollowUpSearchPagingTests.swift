import ClewDomain
import ClewServices
@testable import ClewStore
import Foundation
import Testing

/// Search past the lead fields: leads found only by their follow-ups, newest note first, each
/// lead once, page by page — read from the newest matching notes until the page is full (a word
/// in 59 000 notes took 337 ms when every match was grouped first).
@Suite("Search by follow-up, paged")
struct FollowUpSearchPagingTests {
    @Test func leadsFoundByNotesComeNewestFirstOncePerLeadAcrossPages() throws {
        let db = try TemporaryDatabase()
        var numbers: [String] = []
        for index in 0..<5 {
            let lead = try db.activeLead(db.draft(customer: "上海云帆\(index)号信息技术有限公司"))
            numbers.append(lead.number.description)
        }
        // Two notes per lead, oldest lead first, so the newest note belongs to the last lead.
        for number in numbers {
            _ = try db.leads("alice").logFollowUp(number, db.followUp("客户提到竞品报价更低", next: nil))
            _ = try db.leads("alice").logFollowUp(number, db.followUp("再次沟通竞品对比", next: nil))
        }
        // A lead that matches by its own field comes first and is never repeated as a note hit.
        let byField = try db.activeLead(db.draft(customer: "竞品研究院"))
        _ = try db.leads("alice").logFollowUp(byField.number.description, db.followUp("竞品资料已发", next: nil))

        let search = SearchService(context: db.context, actor: try db.actor("admin"))
        let first = try search.search("竞品", offset: 0, limit: 3)
        let second = try search.search("竞品", offset: 3, limit: 3)
        let third = try search.search("竞品", offset: 6, limit: 3)
        #expect(first.first?.lead.number == byField.number)
        #expect(first.first?.matchedIn == .lead)
        let byNote = (first.dropFirst() + second + third).map(\.lead.number.description)
        #expect(byNote == numbers.reversed(), "newest note first, each lead once")
        #expect((first.dropFirst() + second).allSatisfy { $0.matchedIn == .followUp && $0.field == "follow-up" })
        #expect(second.first?.excerpt?.contains("竞品") == true, "the excerpt is the lead's newest matching note")
        #expect(third.isEmpty, "six leads in all: one by its field, five by their notes")
        #expect(try search.count("竞品") == 6)
    }

    @Test func aRepFindsOnlyTheNotesOfLeadsTheyMayRead() throws {
        let db = try TemporaryDatabase()
        let mine = try db.activeLead(db.draft(customer: "杭州恒通科技有限公司"), owner: "alice")
        let carols = try db.activeLead(db.draft(customer: "上海云帆信息技术有限公司"), owner: "carol")
        _ = try db.leads("alice").logFollowUp(mine.number.description, db.followUp("竞品报价", next: nil))
        _ = try db.leads("carol").logFollowUp(carols.number.description, db.followUp("竞品报价", next: nil))
        let hits = try SearchService(context: db.context, actor: try db.actor("alice")).search("竞品")
        #expect(hits.map(\.lead.number) == [mine.number])
    }
}
