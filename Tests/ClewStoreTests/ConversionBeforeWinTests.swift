import ClewDomain
import ClewServices
@testable import ClewStore
import Foundation
import Testing

@Suite("Converting a lead before the win (转换线索, seed 003)")
struct ConversionBeforeWinTests {
    @Test func convertingMakesCustomerContactAndAnOpenOpportunityThatTheWinCloses() throws {
        let db = try TemporaryDatabase()
        let lead = try db.activeLead(db.draft(customer: "宁波瑞丰贸易", budget: "30-50万"))
        let number = lead.number.description
        let made = try db.leads("alice").convert(number, contact: true, opportunity: true)
        #expect(made.customerName == "宁波瑞丰贸易")
        #expect(made.contacts == ["王伟"])
        #expect(made.opportunityStatus == .open)
        #expect(made.convertedAt == db.clock.now())
        let stored = try db.stored(lead.number)
        #expect(stored.customerID == made.customerID)
        #expect(stored.status == .active, "converting does not close the lead")
        #expect(try db.leads("alice").detail(number).conversion == made)
        #expect(try db.auditRows(entity: "opportunity").first("convert")?.new == "open")
        // The supervisor hears of it.
        #expect(try db.inbox("bob").notifications.contains { $0.kind == "converted" && $0.leadNumber == number })

        try db.leads("bob").toContract(number)
        try db.leads("alice").win(number, amount: Money(yuan: 380_000))
        #expect(try db.count("SELECT count(*) FROM opportunity WHERE lead_id = ?", [lead.id]) == 1)
        #expect(try db.count("SELECT count(*) FROM customer") == 1)
        #expect(try db.count("SELECT count(*) FROM contact") == 1)
        let won = try #require(try db.leads("alice").detail(number).conversion)
        #expect(won.opportunityID == made.opportunityID)
        #expect(won.opportunityStatus == .won)
        #expect(won.opportunityAmount == Money(yuan: 380_000))
        #expect(try db.count("SELECT count(*) FROM opportunity WHERE won_at IS NOT NULL AND closed_at IS NOT NULL") == 1)
        #expect(try db.auditRows(entity: "opportunity").contains { $0.action == "win" && $0.field == "status" && $0.new == "won" })
    }

    @Test func convertingAgainAddsWhatWasLeftOutAndThenRefuses() throws {
        let db = try TemporaryDatabase()
        let number = try db.activeLead().number.description
        let first = try db.leads("alice").convert(number, contact: false, opportunity: false)
        #expect(first.contacts.isEmpty && first.opportunityID == nil)
        #expect(try db.count("SELECT count(*) FROM customer") == 1)
        let second = try db.leads("alice").convert(number, contact: false, opportunity: true)
        #expect(second.customerID == first.customerID)
        #expect(second.opportunityStatus == .open)
        #expect(second.convertedAt == first.convertedAt)
        #expect(throws: IntentConversionError.alreadyConverted(number: number)) {
            try db.leads("alice").convert(number, contact: false, opportunity: true)
        }
        let third = try db.leads("alice").convert(number, contact: true, opportunity: true)
        #expect(third.contacts == ["王伟"] && third.opportunityID == second.opportunityID)
    }

    @Test func onlyAnActiveLeadIsConvertedAndOnlyByWhoMayWorkIt() throws {
        let db = try TemporaryDatabase()
        let screening = try db.addLead().number.description
        #expect(throws: IntentConversionError.notActive(number: screening, status: .screening)) {
            try db.leads("admin").convert(screening, contact: false, opportunity: false)
        }
        let active = try db.activeLead().number.description
        #expect(throws: PermissionError.self) { try db.leads("carol").convert(active, contact: false, opportunity: false) }
        #expect(throws: PermissionError.self) { try db.leads("fred").convert(active, contact: false, opportunity: false) }
        // The owner's supervisor may.
        #expect(try db.leads("bob").convert(active, contact: false, opportunity: true).opportunityStatus == .open)
    }

    @Test func aLossClosesTheOpenOpportunityAsLost() throws {
        let db = try TemporaryDatabase()
        let lead = try db.activeLead()
        let number = lead.number.description
        try db.leads("alice").convert(number, contact: true, opportunity: true)
        try db.leads("alice").lose(number, reason: .choseCompetitor)
        let lost = try #require(try db.leads("admin").detail(number).conversion)
        #expect(lost.opportunityStatus == .lost)
        #expect(try db.count("SELECT count(*) FROM opportunity WHERE status = 'lost' AND won_at IS NULL AND closed_at IS NOT NULL") == 1)
        // The customers report counts won opportunities only.
        #expect(try db.count("SELECT count(*) FROM opportunity WHERE won_at IS NOT NULL") == 0)
    }

    @Test func aWinWithoutConvertingStillMakesAWonOpportunity() throws {
        let db = try TemporaryDatabase()
        let number = try db.activeLead().number.description
        try db.leads("bob").toContract(number)
        try db.leads("alice").win(number, amount: Money(yuan: 90_000))
        let made = try #require(try db.leads("alice").detail(number).conversion)
        #expect(made.opportunityStatus == .won && made.convertedAt == nil)
        #expect(made.opportunityAmount == Money(yuan: 90_000))
    }
}
