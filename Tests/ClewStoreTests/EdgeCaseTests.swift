import ClewDomain
import ClewServices
@testable import ClewStore
import Foundation
import Testing

/// Corners of the lifecycle where data could end up inconsistent.
@Suite("Lifecycle edge cases")
struct EdgeCaseTests {
    @Test func winningWithdrawsAPendingSkipRequest() throws {
        let db = try TemporaryDatabase()
        let number = try db.activeLead().number.description
        guard case let .approvalRequested(id, _, _) = try db.leads("alice").move(number, to: "contract") else {
            Issue.record("expected an approval request"); return
        }
        try db.leads("bob").toContract(number)
        try db.leads("alice").win(number, amount: Money(yuan: 90_000))
        #expect(try db.approvals("bob").pending().isEmpty)
        #expect(try db.strings("SELECT status FROM approval WHERE id = ?", [id]) == ["withdrawn"])
    }

    @Test func returningToThePoolWithdrawsAPendingSkipRequest() throws {
        let db = try TemporaryDatabase()
        let number = try db.activeLead().number.description
        guard case .approvalRequested = try db.leads("alice").move(number, to: "contract") else {
            Issue.record("expected an approval request"); return
        }
        try db.leads("alice").returnToPool(number, reason: "联系不上")
        let pending = try db.approvals("bob").pending()
        #expect(pending.isEmpty)
    }

    @Test func mergingANewRegistrationIntoATombstoneIsRefused() throws {
        let db = try TemporaryDatabase()
        let a = try db.addLead()
        let b = try db.addLead()
        try db.leads("bob").merge(a.number.description, into: b.number.description)
        let result = Result { try db.leads("admin").add(db.draft(budget: "30-50万"), duplicates: .mergeInto(a.number.description)) }
        #expect(throws: (any Error).self) { try result.get() }
        #expect(try db.stored(a.number).status == .merged)
    }

    @Test func mergingANewRegistrationIntoAClosedLeadIsRefusedLikeAnEdit() throws {
        let db = try TemporaryDatabase()
        let won = try db.activeLead()
        try db.leads("bob").toContract(won.number.description)
        try db.leads("alice").win(won.number.description, amount: Money(yuan: 10_000))
        #expect(throws: LifecycleError.self) { try db.leads("admin").edit(won.number.description, changes: LeadDraft(budget: "1")) }
        let result = Result { try db.leads("admin").add(db.draft(budget: "30-50万"), duplicates: .mergeInto(won.number.description)) }
        #expect(throws: (any Error).self) { try result.get() }
    }

    @Test func aScreeningLeadCannotLoseARequiredDetail() throws {
        let db = try TemporaryDatabase()
        let lead = try db.addLead()
        #expect(lead.status == .screening)
        let result = Result { try db.leads("admin").edit(lead.number.description, changes: LeadDraft(), clearing: [.industry, .need]) }
        let stored = try db.stored(lead.number)
        let refused = (try? result.get()) == nil
        #expect(refused || stored.status == .new, "status \(stored.status), industry \(stored.details.industry ?? "nil")")
    }

    @Test func handingOverLeadsToSomeoneWhoCannotWorkThemIsRefused() throws {
        let db = try TemporaryDatabase()
        let lead = try db.activeLead()
        let result = Result { try db.users.deactivate("alice", handoverTo: "fred", by: db.actor("admin")) }
        let owner = try db.stored(lead.number).owner
        #expect((try? result.get()) == nil && owner == "alice", "owner is now \(owner ?? "nil")")
    }

    @Test func gradingAClosedLeadExplainsItself() throws {
        let db = try TemporaryDatabase()
        let number = try db.activeLead().number.description
        try db.leads("alice").lose(number, reason: .noFit)
        var message = ""
        do { try db.leads("bob").grade(number, .c, reason: "复核") } catch { message = "\(error)" }
        #expect(message.contains("lost"))
        #expect(!message.contains("assign"), "\(message)")
    }

    @Test func reassigningAnActiveLeadClosesItsStageAndNeedsConfirmationAgain() throws {
        let db = try TemporaryDatabase()
        let number = try db.activeLead().number.description
        let reassigned = try db.leads("bob").assign(number, to: "carol")
        #expect(reassigned.status == .assigned)
        #expect(reassigned.owner == "carol")
        #expect(reassigned.stage == nil)
        #expect(try db.leads("bob").detail(number).stages.allSatisfy { $0.exitedAt != nil })
        #expect(throws: PermissionError.notVisible(number)) { try db.leads("alice").lead(number) }
        #expect(throws: LeadError.alreadyAssigned(number: number, to: "carol")) { try db.leads("bob").assign(number, to: "carol") }
        #expect(try db.leads("carol").confirm(number).stage == "discovery")
    }

    @Test func pipelineSummaryCountsWhatTheActorSees() throws {
        let db = try TemporaryDatabase()
        _ = try db.addLead()
        _ = try db.assignedLead()
        let active = try db.activeLead()
        _ = try db.activeLead(owner: "dave", supervisor: "erin")
        try db.leads("bob").toContract(active.number.description)
        try db.leads("alice").win(active.number.description, amount: Money(yuan: 120_000))
        let admin = try PipelineSummary.load(context: db.context, actor: db.actor("admin"))
        let counts = Dictionary(uniqueKeysWithValues: admin.columns.map { ($0.key, $0.count) })
        #expect(counts == ["screening": 1, "assigned": 1, "discovery": 1, "proposal": 0, "negotiation": 0, "contract": 0, "won": 1])
        #expect(admin.columns.last?.amount == Money(yuan: 120_000))
        let alice = try PipelineSummary.load(context: db.context, actor: db.actor("alice"), mineOnly: true)
        #expect(alice.columns.map(\.count).reduce(0, +) == 2)
        let erin = try PipelineSummary.load(context: db.context, actor: db.actor("erin"))
        #expect(Dictionary(uniqueKeysWithValues: erin.columns.map { ($0.key, $0.count) })["won"] == 0)
    }
}
