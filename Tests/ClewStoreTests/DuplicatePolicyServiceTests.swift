import ClewDomain
import ClewServices
@testable import ClewStore
import Foundation
import Testing

/// The one duplicate policy (issue 11 §11) as `lead add` applies it.
@Suite("Duplicate policy in lead add")
struct DuplicatePolicyServiceTests {
    /// A rep of another team learns nothing about a lead they may not see from the refusal:
    /// no number, no owner, no customer — and the lead's supervisor is told instead.
    @Test func aRepLearnsNothingAboutAnotherTeamsLead() throws {
        let db = try TemporaryDatabase()
        let alices = try db.activeLead(db.draft(customer: "杭州恒通科技有限公司", phone: "13800138000"))
        var refusal = ""
        do {
            _ = try db.leads("dave").add(db.draft(customer: "深圳某公司", phone: "+86 138-0013-8000", region: "华南", city: "深圳"))
            Issue.record("the duplicate was registered")
        } catch let error as HiddenDuplicateError {
            refusal = error.description
        }
        for secret in [alices.number.description, "alice", "bob", "恒通", "138"] {
            #expect(!refusal.contains(secret), "the refusal reveals \(secret): \(refusal)")
        }
        #expect(refusal.contains("another team"))
        #expect(try db.allLeads().count == 1, "nothing registered")
        let told = try db.strings("SELECT body FROM notification WHERE recipient = 'bob' AND kind = 'duplicate'")
        #expect(told.count == 1)
        #expect(told.first?.contains(alices.number.description) == true)
        #expect(told.first?.contains("dave") == true)
        #expect(try db.count("SELECT count(*) FROM notification WHERE recipient = 'dave'") == 0)
        // --allow-duplicate does not get round it either.
        #expect(throws: HiddenDuplicateError.self) {
            try db.leads("dave").add(db.draft(phone: "13800138000", region: "华南", city: "深圳"), duplicates: .allow)
        }
        // Nor may dave merge into it.
        #expect(throws: (any Error).self) {
            try db.leads("dave").add(db.draft(phone: "13800138000"), duplicates: .mergeInto(alices.number.description))
        }
    }

    @Test func aVisibleOpenLeadIsNamedWithItsOwner() throws {
        let db = try TemporaryDatabase()
        let alices = try db.activeLead(db.draft(phone: "13800138000"))
        #expect(throws: DuplicateLeadError(number: alices.number.description, owner: "alice", field: "phone", value: "138 0013 8000")) {
            try db.leads("alice").add(db.draft(phone: "13800138000"))
        }
    }

    @Test func aWonCustomerComingBackIsARepeatPurchase() throws {
        let db = try TemporaryDatabase()
        let won = try db.activeLead(db.draft(customer: "杭州恒通科技有限公司", phone: "13800138000"))
        try db.leads("bob").toContract(won.number.description)
        try db.leads("alice").win(won.number.description, amount: Money(yuan: 380_000))
        let again = try db.leads("dave").add(db.draft(customer: "杭州恒通科技有限公司", phone: "13800138000", region: "华南", city: "深圳")).lead
        #expect(again.number != won.number)
        #expect(again.previousLead == won.number)
        let customer = try #require(again.customerID)
        #expect(try db.strings("SELECT name FROM customer WHERE id = ?", [customer]) == ["杭州恒通科技有限公司"])
        let stored = try db.stored(again.number)
        #expect(stored.previousLead == won.number)
        #expect(stored.customerID == customer)
        #expect(try db.strings("SELECT body FROM notification WHERE recipient = 'alice' AND kind = 'repeat-purchase'").count == 1)
        #expect(try db.leads("admin").detail(again.number.description).history.contains { $0.action == "repeat-purchase" })
    }

    @Test func aLostLeadComingBackIsLinkedToTheOldOne() throws {
        let db = try TemporaryDatabase()
        let lost = try db.activeLead(db.draft(phone: "13800138000"))
        try db.leads("alice").lose(lost.number.description, reason: LostReason(parsing: "预算不足")!)
        let again = try db.leads("admin").add(db.draft(phone: "138 0013 8000")).lead
        #expect(again.previousLead == lost.number)
        #expect(again.customerID == nil)
        #expect(try db.stored(again.number).previousLead == lost.number)
        // The old lead's history is one lookup away.
        #expect(try db.leads("admin").detail(lost.number.description).history.contains { $0.action == "lose" })
    }
}

