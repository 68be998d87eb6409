import ClewDomain
import ClewServices
@testable import ClewStore
import Foundation
import Testing

@Suite("Search")
struct SearchServiceTests {
    /// Three leads and a follow-up note to search in.
    final class Fixture: @unchecked Sendable {
        let db: TemporaryDatabase
        let east: Lead
        let northwind: Lead
        let south: Lead

        init() throws {
            db = try TemporaryDatabase()
            east = try db.activeLead(db.draft(customer: "华东区制造业客户恒通科技有限公司", contact: "王伟", phone: "13800138000",
                                                need: "需采购企业级SaaS系统", city: "杭州"))
            northwind = try db.addLead(db.draft(customer: "Northwind Trading Ltd", contact: "Emma Smith", email: "emma@northwind.com",
                                                industry: "物流", need: "Looking for a cloud CRM for 200 sales reps", region: "华北", city: "北京"))
            south = try db.addLead(db.draft(customer: "深圳鼎盛电子", contact: "刘洋", industry: "电子", need: "希望引入智能客服降低人力成本",
                                            region: "华南", city: "深圳"))
            _ = try db.leads("alice").logFollowUp(east.number.description,
                                                 db.followUp("客户表示价格高,希望给出阶梯折扣", next: nil))
        }

        func numbers(_ text: String, as login: String = "admin") throws -> [String] {
            try db.search(text, as: login).map(\.lead.number.description)
        }
    }

    @Test(arguments: [
        ("华东", "east"), ("恒通科技", "east"), ("制造业客户", "east"), ("杭", "east"), ("恒", "east"),
        ("saa", "east"), ("SaaS", "east"), ("saas系统", "east"),
        ("northwind", "northwind"), ("North", "northwind"), ("emma", "northwind"), ("cloud crm", "northwind"),
        ("鼎盛", "south"), ("深圳", "south"), ("智能客服", "south"),
    ])
    func findsLeadsByTheirFields(_ text: String, _ which: String) throws {
        let f = try Fixture()
        let expected = [which == "east" ? f.east : which == "northwind" ? f.northwind : f.south].map(\.number.description)
        #expect(try f.numbers(text) == expected, "searching \(text)")
    }

    @Test func findsAFollowUpNoteAndSaysSo() throws {
        let f = try Fixture()
        let hits = try f.db.search("阶梯折扣")
        #expect(hits.map(\.lead.number) == [f.east.number])
        #expect(hits.first?.matchedIn == .followUp)
        #expect(hits.first?.excerpt == "客户表示价格高,希望给出阶梯折扣")
        #expect(try f.numbers("价格高") == [f.east.number.description])
    }

    @Test func findsALeadOnceWhenBothItsFieldsAndANoteMatch() throws {
        let f = try Fixture()
        _ = try f.db.leads("alice").logFollowUp(f.east.number.description, f.db.followUp("恒通科技的IT总监确认了部署环境", next: nil))
        let hits = try f.db.search("恒通")
        #expect(hits.map(\.lead.number) == [f.east.number])
        #expect(hits.first?.matchedIn == .lead)
    }

    @Test func findsByPhoneAsDisplayedAndByLeadNumber() throws {
        let f = try Fixture()
        #expect(try f.numbers("138 0013 8000") == [f.east.number.description])
        #expect(try f.numbers(f.south.number.description) == [f.south.number.description])
        #expect(try f.numbers(f.south.number.description.lowercased()) == [f.south.number.description])
    }

    @Test func findsByPhoneDigitsAsTyped() throws {
        let f = try Fixture()
        let digits = try f.numbers("13800138000")
        let international = try f.numbers("+8613800138000")
        let dashed = try f.numbers("138-0013-8000")
        #expect(digits == [f.east.number.description])
        #expect(international == [f.east.number.description])
        // Written with separators, its groups match as a phrase.
        #expect(dashed == [f.east.number.description])
    }

    @Test(arguments: ["成都", "Contoso", "zzzz", "量子计算"])
    func findsNothingForTextThatIsNotThere(_ text: String) throws {
        let f = try Fixture()
        #expect(try f.db.search(text).isEmpty)
    }

    @Test func emptyOrPunctuationOnlyQueriesFindNothing() throws {
        let f = try Fixture()
        #expect(try f.db.search("   ").isEmpty)
        #expect(try f.db.search("\"*()").isEmpty)
        // FTS syntax in user text is quoted, not interpreted.
        #expect(try f.db.search("NOT 华东").isEmpty)
        #expect(try f.db.search("华东 OR 深圳").isEmpty)
    }

    @Test func severalWordsMustAllMatch() throws {
        let f = try Fixture()
        #expect(try f.numbers("华东 saas") == [f.east.number.description])
        #expect(try f.numbers("华东 northwind").isEmpty)
    }

    @Test func editsAreReindexed() throws {
        let f = try Fixture()
        _ = try f.db.leads("admin").edit(f.south.number.description, changes: LeadDraft(customer: "深圳锦程物流"))
        #expect(try f.numbers("锦程") == [f.south.number.description])
        #expect(try f.numbers("鼎盛").isEmpty)
    }

    @Test func aMergedTombstoneIsNotReturned() throws {
        let f = try Fixture()
        let dup = try f.db.addLead(f.db.draft(customer: "博远软件", contact: "周敏", need: "评估数据中台方案"))
        #expect(try f.numbers("博远") == [dup.number.description])
        try f.db.leads("bob").merge(dup.number.description, into: f.south.number.description)
        // The survivor kept its own customer name, so nothing is called 博远 any more…
        #expect(try f.numbers("博远").isEmpty)
        // …and the tombstone is not found by its number either.
        #expect(try f.numbers(dup.number.description).isEmpty)
        // The survivor is found by what it gained from the tombstone? No: conflicting values stay as a note only.
        #expect(try f.numbers("深圳").contains(f.south.number.description))
    }

    @Test func resultsRespectVisibility() throws {
        let f = try Fixture()
        #expect(try f.numbers("华东", as: "alice") == [f.east.number.description])
        #expect(try f.numbers("华东", as: "bob") == [f.east.number.description])
        #expect(try f.numbers("华东", as: "dave").isEmpty)
        #expect(try f.numbers("华东", as: "erin").isEmpty)
        #expect(try f.numbers("阶梯折扣", as: "carol").isEmpty)
        #expect(try f.numbers("华东", as: "sam") == [f.east.number.description])
    }

    @Test func theLimitIsHonoured() throws {
        let db = try TemporaryDatabase()
        for i in 0..<12 { try db.addLead(db.draft(customer: "华东客户\(i)号")) }
        #expect(try db.search("华东", limit: 5).count == 5)
        #expect(try db.search("华东").count == 12)
        // Newest first.
        let hits = try db.search("华东", limit: 3).map(\.lead.number.sequence)
        #expect(hits == [12, 11, 10])
    }
}
