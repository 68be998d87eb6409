import ClewDomain
import Foundation
import Testing

@Suite("Converting before the win: what is made")
struct IntentConversionTests {
    private func lead(_ status: LeadStatus = .active, contact: String? = "王伟", amount: Money? = nil) throws -> Lead {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        return Lead(id: 1, number: try #require(LeadNumber("XL-20261123-001")), status: status, owner: "alice",
                    details: LeadDraft(customer: "杭州恒通科技有限公司", contact: contact, industry: "制造业", need: "SaaS"),
                    amount: amount, createdBy: "root", createdAt: now, updatedBy: "root", updatedAt: now, statusChangedAt: now)
    }

    @Test func theCustomerAlwaysTheContactAndOpportunityWhenAsked() throws {
        let plan = try IntentConversion.plan(try lead(amount: Money(yuan: 200_000)), contact: true, opportunity: true, existing: .init())
        #expect(plan.customer.name == "杭州恒通科技有限公司")
        #expect(plan.contact?.name == "王伟")
        #expect(plan.opportunity?.expectedAmount == Money(yuan: 200_000))
        #expect(plan.opportunity?.title == "杭州恒通科技有限公司 · SaaS")
        let bare = try IntentConversion.plan(try lead(), contact: false, opportunity: false, existing: .init())
        #expect(bare.contact == nil && bare.opportunity == nil)
    }

    @Test func whatExistsIsNotMadeTwice() throws {
        let made = IntentConversion.Existing(customerID: 3, converted: true, hasContact: true, opportunity: .open)
        #expect(throws: IntentConversionError.alreadyConverted(number: "XL-20261123-001")) {
            try IntentConversion.plan(try lead(), contact: true, opportunity: true, existing: made)
        }
        let customerOnly = IntentConversion.Existing(customerID: 3, converted: true)
        let more = try IntentConversion.plan(try lead(), contact: false, opportunity: true, existing: customerOnly)
        #expect(more.opportunity != nil && more.contact == nil)
        // A lost opportunity (the lead lost, then reopened) is opened again.
        let lost = IntentConversion.Existing(customerID: 3, converted: true, opportunity: .lost)
        #expect(try IntentConversion.plan(try lead(), contact: false, opportunity: true, existing: lost).opportunity != nil)
    }

    @Test func onlyAnActiveLeadWithAContactPersonForTheContact() throws {
        #expect(throws: IntentConversionError.notActive(number: "XL-20261123-001", status: .won)) {
            try IntentConversion.plan(try lead(.won), contact: false, opportunity: false, existing: .init())
        }
        #expect(throws: IntentConversionError.noContactPerson(number: "XL-20261123-001")) {
            try IntentConversion.plan(try lead(contact: nil), contact: true, opportunity: false, existing: .init())
        }
        #expect(IntentConversionError.alreadyConverted(number: "X").description.contains("已转换"))
    }
}
