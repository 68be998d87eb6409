import ClewDomain
import ClewServices
import Foundation
import Testing

/// What every store must do for a lead converted, won and corrected: the conversion read back
/// as it was made, and the same conversion, win and correction (``LeadConversionService``,
/// ``LeadClosingService``) leaving the same trail on both stores.
@Suite("Ports: converting a lead")
struct LeadConversionConformanceTests {
    @Test(arguments: StoreUnderTest.Engine.allCases)
    func aConversionIsReadBackAsItWasMade(_ engine: StoreUnderTest.Engine) throws {
        let s = try StoreUnderTest(engine)
        let lead = try #require(try s.store.read { try $0.leads.lead(number: s.claimedNumber) })
        #expect(try s.store.read { try $0.deals.conversion(ofLead: lead.id) } == nil)
        let made = try LeadConversionService(store: s.store, actor: s.actor("alice")).convert(s.claimedNumber.description, contact: true, opportunity: true)
        #expect([made.customerName] + made.contacts == ["苏州青禾食品有限公司", "赵敏"])
        #expect(made.opportunityStatus == .open && made.convertedAt == StoreUnderTest.now && made.opportunityID != nil)
        #expect(try s.store.read { try $0.deals.conversion(ofLead: lead.id) } == made)
    }

    /// Not per engine: converted, moved into the contract stage by the supervisor, won and its
    /// amount corrected by the admin, on both stores: the trails compared row for row.
    @Test func theSameConversionWinAndCorrectionLeaveTheSameTrailOnBothStores() throws {
        let outcomes = try StoreUnderTest.Engine.allCases.map { engine -> [[String?]] in
            let s = try StoreUnderTest(engine)
            _ = try s.store.write(as: s.actor("carol")) { tx in try tx.notifications.markRead(nil, for: "carol") }
            let marks = try s.auditMarks(["lead", "customer", "contact", "opportunity", "contract"])
            let number = s.claimedNumber.description
            _ = try LeadConversionService(store: s.store, actor: s.actor("alice")).convert(number, contact: true, opportunity: true)
            _ = try LeadStageService(store: s.store, actor: s.actor("bob")).move(number, to: "contract")
            _ = try LeadClosingService(store: s.store, actor: s.actor("alice")).win(number, amount: Money(yuan: 66_000))
            _ = try LeadClosingService(store: s.store, actor: s.actor("admin")).correctWonAmount(number, to: Money(yuan: 60_000), reason: "合同改价")
            return try s.trails(since: marks)
        }
        #expect(outcomes[0] == outcomes[1])
        #expect(outcomes[0].contains { $0.first == "opportunity" && $0[1] == "win" })
        #expect(outcomes[0].contains { $0.first == "opportunity" && $0[1] == "correct-amount" })
    }
}

/// The same merge on both stores: a registration in screening merged into the claimed lead by
/// the supervisor, with a note and a task to move — the trails compared row for row.
@Suite("Ports: merging leads")
struct LeadMergingConformanceTests {
    @Test func theSameMergeLeavesTheSameTrailOnBothStores() throws {
        let outcomes = try StoreUnderTest.Engine.allCases.map { engine -> [[String?]] in
            let s = try StoreUnderTest(engine)
            let bob = s.actor("bob")
            let source = s.screeningNumber.description
            try LeadDetailsService(store: s.store, actor: bob).addNote(source, body: "客户在展会上留了名片")
            _ = try TaskService(store: s.store, actor: bob).add(title: "核对联系人", lead: source, assignee: nil, due: nil)
            let before = try s.store.read { try $0.history(of: "lead").count }
            let survivor = try LeadMergingService(store: s.store, actor: bob).merge(source, into: s.claimedNumber.description)
            return try s.store.read { tx in
                let trail = try tx.history(of: "lead").dropFirst(before).map { [String($0.entityID), $0.action, $0.actor, $0.field, $0.old, $0.new] }
                let tombstone = try #require(try tx.leads.lead(number: s.screeningNumber))
                return trail + [[tombstone.status.rawValue, tombstone.mergedInto?.description, survivor.details.need]]
            }
        }
        #expect(outcomes[0] == outcomes[1])
        #expect(outcomes[0].contains { $0[1] == "merge-move" })
    }
}
