import ClewDomain
import ClewServices
import Foundation
import Testing

/// What every store must do when a deal is won: the same win — a supervisor's skip into the
/// contract stage, the contract opened, the lead converted into customer, contact and
/// opportunity, the contract signed, the lead's work settled (``LeadClosingService``) — leaves
/// the same trail and notices on both stores.
@Suite("Ports: winning a deal")
struct LeadWinConformanceTests {
    @Test func theSameWinLeavesTheSameTrailOnBothStores() throws {
        let outcomes = try StoreUnderTest.Engine.allCases.map { engine -> [[String?]] in
            let s = try StoreUnderTest(engine)
            // The SQLite set-up's own notices (carol's assignments) read, so both start with none.
            _ = try s.store.write(as: s.actor("carol")) { tx in try tx.notifications.markRead(nil, for: "carol") }
            let marks = try s.auditMarks(["lead", "task", "approval", "contract", "customer", "contact", "opportunity"])
            let number = s.claimedNumber.description
            let stages = LeadStageService(store: s.store, actor: s.actor("alice"))
            _ = try stages.logFollowUp(number, FollowUpDraft(at: StoreUnderTest.now, method: .visit, content: "客户确认采购", nextAction: "准备合同"))
            _ = try LeadStageService(store: s.store, actor: s.actor("bob")).move(number, to: "contract")
            let won = try LeadClosingService(store: s.store, actor: s.actor("alice")).win(number, amount: Money(yuan: 56_000))
            #expect(won.status == .won && won.amount == Money(yuan: 56_000))
            return try s.trails(since: marks) + s.unreadNotices(of: ["alice", "bob"])
        }
        #expect(outcomes[0] == outcomes[1])
        #expect(outcomes[0].contains { $0.first == "contract" && $0[1] == "sign" })
        #expect(outcomes[0].contains { $0.first == "opportunity" && $0[1] == "convert" })
    }
}
