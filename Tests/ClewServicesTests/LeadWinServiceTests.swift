import ClewDomain
import ClewMemoryStore
import ClewServices
import Foundation
import Testing

/// Winning a deal on the in-memory store: the real ``LeadClosingService/win(_:amount:expectedVersion:)``,
/// no file. From the contract stage the lead becomes customer, contact and won opportunity and its
/// contract is signed; a skip is the supervisor's to make; an amount above the `[approvals]`
/// threshold asks first and is covered once approved (seed 000: 销售总监可审批合同).
@Suite("Winning a deal (in memory)")
struct LeadWinServiceTests {
    typealias Fixture = TaskServiceTests
    typealias Leads = LeadDetailsServiceTests

    let store: InMemoryStore

    /// Alice's lead in the contract stage (合同签订); another of hers still in discovery.
    static let inContract: Lead = {
        var lead = Leads.alices
        lead.stage = "contract"
        lead.stageEnteredAt = Fixture.now.addingTimeInterval(-86_400)
        return lead
    }()
    static let early = Leads.lead(6, .active, owner: "alice", grade: .b,
                                  LeadDraft(customer: "绍兴越秀纺织有限公司", contact: "陶静", phone: "13611112222", industry: "纺织", need: "ERP",
                                            source: "官网", region: "华东"))

    init() {
        var process = ProcessDefinition.withoutAutomation
        process.approvals = ApprovalPolicy(amountAbove: Money(yuan: 100_000))
        store = InMemoryStore(users: Fixture.profiles, leads: [Self.inContract, Self.early], process: process,
                              calendar: .standard(timeZone: Fixture.zone), now: { Fixture.now })
    }

    func closing(_ login: String) -> LeadClosingService {
        LeadClosingService(store: store, actor: Fixture.actor(login))
    }

    static let number = inContract.number.description

    @Test func aWinFromTheContractStageConvertsTheLeadAndSignsItsContract() throws {
        let won = try closing("alice").win(Self.number, amount: Money(yuan: 80_000))
        #expect(won.status == .won && won.amount == Money(yuan: 80_000))
        let rows = store.auditTrail.filter { $0.entity != "lead" }.map { [$0.action, $0.entity, $0.field, $0.new] }
        #expect(rows == [
            ["convert", "customer", "name", "苏州精工机械有限公司"], ["convert", "contact", "name", "李强"],
            ["convert", "opportunity", "amount", Money(yuan: 80_000).description],
            ["open", "contract", "number", Contract.number(forLead: Self.number)],
            ["sign", "contract", "status", "signed"], ["sign", "contract", "signed_on", "2026-12-03"],
            ["sign", "contract", "amount_fen", "8000000"],
        ])
        #expect(store.notifications.map { [$0.recipient, $0.kind, $0.body] } == [["bob", "won", "\(Self.number) won for \(Money(yuan: 80_000))"]])
        #expect(store.publishedEvents.map(\.event) == [.leftStage("contract"), .won])
    }

    @Test func aWinSkippingTheContractStageIsTheSupervisorsToMake() throws {
        let early = Self.early.number.description
        #expect(throws: StageMoveError.notAtContractStage("discovery", contract: "contract")) {
            try closing("alice").win(early, amount: Money(yuan: 30_000))
        }
        let won = try closing("bob").win(early, amount: Money(yuan: 30_000))
        #expect(won.status == .won)
        #expect(store.auditTrail.contains { $0.action == "skip-approved" && $0.new == "proposal,negotiation,contract" })
        #expect(store.publishedEvents.map(\.event) == [.leftStage("discovery"), .contractSigned, .won])
    }

    @Test func anAmountAboveTheThresholdAsksFirstAndIsCoveredOnceApproved() throws {
        let amount = Money(yuan: 200_000)
        var requested: Int64?
        do {
            try closing("alice").win(Self.number, amount: amount)
            Issue.record("the win needs approval")
        } catch let ApprovalError.amountApprovalRequested(number, asked, level, approver, id) {
            #expect(number == Self.number && asked == amount && level == .supervisor && approver == "bob")
            requested = id
        }
        let id = try #require(requested)
        #expect(try store.read { try $0.leads.lead(id: 1)?.status } == .active, "nothing else changed")
        #expect(try store.read { try $0.approvals.pendingIDs(onLead: 1) } == [id], "the request is kept")
        _ = try ApprovalService(store: store, actor: ActingUser(profile: Fixture.profiles[1])).approve(id, comment: "同意")
        #expect(try closing("alice").win(Self.number, amount: amount).status == .won)
        // The supervisor's own win skipping the contract stage needs no request below the director's threshold.
        let early = Self.early.number.description
        #expect(try closing("bob").win(early, amount: Money(yuan: 150_000)).status == .won)
    }
}
