import ClewDomain
import ClewServices
@testable import ClewStore
import Foundation
import Testing

@Suite("A win's amount is checked again against [approvals] (seed 000: 销售总监可审批合同)")
struct DealAmountApprovalTests {
    /// alice's deal (budget 30-50万) in the contract stage; thresholds 100万 (bob) and 500万 (erin, bob's own supervisor).
    private func dealInContract() throws -> (TemporaryDatabase, String) {
        let db = try TemporaryDatabase()
        try db.database.write { try $0.execute(sql: "UPDATE user SET supervisor = 'erin' WHERE login = 'bob'") }
        let lead = try db.activeLead(db.draft(budget: "30-50万"))
        let number = lead.number.description
        for stage in ["proposal", "negotiation", "contract"] {
            _ = try db.leads("alice").logFollowUp(number, db.followUp())
            _ = try db.leads("alice").move(number, to: stage)
        }
        #expect(try db.stored(lead.number).stage == "contract")
        return (db, number)
    }

    @Test func aWinAboveTheThresholdAsksTheSupervisorAndGoesThroughOnceApproved() throws {
        let (db, number) = try dealInContract()
        var asked: ApprovalError?
        do { try db.leads("alice").win(number, amount: Money(yuan: 1_200_000)) } catch let error as ApprovalError { asked = error }
        guard case let .amountApprovalRequested(_, amount, level, approver, id) = asked else { Issue.record("no request: \(String(describing: asked))"); return }
        #expect(amount == Money(yuan: 1_200_000) && level == .supervisor && approver == "bob")
        // The request stays, the lead is not won, and a second try while it waits is refused.
        #expect(try db.stored(LeadNumber(number)!).status == .active)
        let approvals = ApprovalService(context: db.context, actor: try db.actor("bob"))
        #expect(try approvals.pending().map(\.kind) == [.dealAmount])
        #expect(throws: LeadError.awaitingApproval(number: number, approval: id)) { try db.leads("alice").win(number, amount: Money(yuan: 1_200_000)) }
        try approvals.approve(id, comment: "同意")
        #expect(try db.stored(LeadNumber(number)!).status == .active, "approving does not win the deal by itself")
        #expect(try db.leads("alice").win(number, amount: Money(yuan: 1_200_000)).status == .won)
    }

    @Test func theApprovalCoversItsAmountOnlyAndTheDirectorDecidesAboveTheSecondThreshold() throws {
        let (db, number) = try dealInContract()
        #expect(throws: ApprovalError.self) { try db.leads("alice").win(number, amount: Money(yuan: 6_000_000)) }
        let pending = try ApprovalService(context: db.context, actor: try db.actor("erin")).pending()
        #expect(pending.count == 1 && pending[0].approver == "erin")
        #expect(try ApprovalService(context: db.context, actor: try db.actor("bob")).pending().isEmpty)
        // Below the threshold nothing is asked.
        let (db2, small) = try dealInContract()
        #expect(try db2.leads("alice").win(small, amount: Money(yuan: 800_000)).status == .won)
        #expect(try db2.count("SELECT count(*) FROM approval") == 0)
    }

    @Test func theSupervisorWinsAboveTheThresholdThemselfAndTheAuditSaysSo() throws {
        let (db, number) = try dealInContract()
        #expect(try db.leads("bob").win(number, amount: Money(yuan: 1_500_000)).status == .won)
        #expect(try db.auditRows(entity: "lead").contains { $0.action == "amount-approved" && $0.actor == "bob" })
        #expect(try db.count("SELECT count(*) FROM approval") == 0)
    }
}
