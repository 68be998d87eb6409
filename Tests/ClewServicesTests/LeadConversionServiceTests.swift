import ClewDomain
import ClewMemoryStore
import ClewServices
import Foundation
import Testing

/// Converting a lead and correcting a won amount on the in-memory store: the real
/// ``LeadConversionService`` and ``LeadClosingService/correctWonAmount(_:to:reason:)``, no file.
/// A conversion makes the customer, contact and open opportunity once (seed 003: 转换线索), the
/// win closes that opportunity, and only an admin corrects what it was won for.
@Suite("Converting a lead (in memory)")
struct LeadConversionServiceTests {
    typealias Fixture = TaskServiceTests
    typealias Win = LeadWinServiceTests

    let store = InMemoryStore(users: Fixture.profiles, leads: [Win.inContract, Win.early], process: .withoutAutomation,
                              calendar: .standard(timeZone: Fixture.zone), now: { Fixture.now })

    func actor(_ login: String) -> ActingUser { Fixture.actor(login) }

    @Test func aConversionMakesTheCustomerContactAndOpportunityOnceAndTheWinClosesIt() throws {
        let conversion = LeadConversionService(store: store, actor: actor("alice"))
        let summary = try conversion.convert(Win.number, contact: true, opportunity: true)
        #expect(summary.customerName == "苏州精工机械有限公司" && summary.contacts == ["李强"] && summary.opportunityStatus == .open)
        #expect(summary.convertedAt == Fixture.now)
        #expect(try store.read { try $0.leads.lead(id: 1)?.customerID } == summary.customerID)
        #expect(store.auditTrail.filter { $0.entity != "lead" }.map { [$0.action, $0.entity, $0.field, $0.new] } == [
            ["convert", "customer", "name", "苏州精工机械有限公司"], ["convert", "contact", "name", "李强"], ["convert", "opportunity", "status", "open"],
        ])
        #expect(store.auditTrail.filter { $0.entity == "lead" }.map { [$0.action, $0.field] } == [["convert", "customer_id"], ["convert", "converted_at"]])
        #expect(store.notifications.map { [$0.recipient, $0.kind] } == [["bob", "converted"]])
        #expect(throws: IntentConversionError.self) { try conversion.convert(Win.number, contact: true, opportunity: true) }

        _ = try LeadClosingService(store: store, actor: actor("alice")).win(Win.number, amount: Money(yuan: 90_000))
        let won = try #require(try store.read { try $0.deals.conversion(ofLead: 1) })
        #expect(won.opportunityID == summary.opportunityID && won.opportunityStatus == .won && won.opportunityAmount == Money(yuan: 90_000))
        #expect(store.auditTrail.filter { $0.entity == "customer" }.count == 1, "the win reuses the converted customer")
    }

    @Test func onlyAnAdminCorrectsAWonAmountWithAReason() throws {
        _ = try LeadConversionService(store: store, actor: actor("alice")).convert(Win.number, contact: false, opportunity: true)
        _ = try LeadClosingService(store: store, actor: actor("alice")).win(Win.number, amount: Money(yuan: 90_000))
        let admin = LeadClosingService(store: store, actor: actor("admin"))
        #expect(throws: PermissionError.self) {
            try LeadClosingService(store: store, actor: actor("bob")).correctWonAmount(Win.number, to: Money(yuan: 9_000), reason: "录入错误")
        }
        #expect(throws: LeadError.reasonRequired(.correctingAmount)) { try admin.correctWonAmount(Win.number, to: Money(yuan: 9_000), reason: " ") }
        #expect(throws: ConversionError.nonPositiveAmount) { try admin.correctWonAmount(Win.number, to: Money(fen: 0), reason: "录入错误") }
        #expect(throws: LeadError.notWon(number: Win.early.number.description, status: .active)) {
            try admin.correctWonAmount(Win.early.number.description, to: Money(yuan: 9_000), reason: "录入错误")
        }
        let corrected = try admin.correctWonAmount(Win.number, to: Money(yuan: 9_000), reason: "录入错误，多输了一个0")
        #expect(corrected.amount == Money(yuan: 9_000))
        #expect(try store.read { try $0.deals.conversion(ofLead: 1)?.opportunityAmount } == Money(yuan: 9_000))
        #expect(store.auditTrail.suffix(3).map { [$0.action, $0.entity, $0.field, $0.new] } == [
            ["correct-amount", "lead", "amount_fen", "900000"], ["correct-amount", "opportunity", "amount_fen", "900000"],
            ["correct-amount-reason", "lead", "amount_reason", "录入错误，多输了一个0"],
        ])
    }
}
