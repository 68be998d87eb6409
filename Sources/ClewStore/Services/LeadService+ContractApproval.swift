import ClewDomain
import ClewServices
import Foundation
import GRDB

extension LeadService {
    /// Refuses a win that skips the contract stage past an approval the actor cannot give
    /// themself (a supervisor winning a deal only the director may approve).
    /// The larger of the expected and the win amount decides.
    func checkWinSkippingContract(_ lead: Lead, amount: Money, _ m: Mutation) throws {
        let expected = [ApprovalPolicy.expectedAmount(of: lead), amount].compactMap { $0 }.max()
        guard let need = context.process.approvals.requirement(enteringContract: expected),
              need.level == .director, actor.role != .admin else { return }
        let director = try LeadApprovers.chain(of: lead, users: SQLiteUsers(db: m.db)).director
        guard director == nil || actor.login != director else { return }
        throw ApprovalError.needsApproval(number: lead.number.description, level: need.level)
    }
}

extension LeadService {
    /// The approval winning lead `number` for `amount` still needs under `[approvals]`, filed as a
    /// `deal-amount` request for the owner's supervisor (or, above `director_above_yuan`, theirs);
    /// nil when none is needed: the amount is below the thresholds, an approved contract or
    /// deal-amount request of the deal covers it, or the actor may approve it (audited as
    /// `amount-approved`).
    ///
    /// Only a win from the contract stage: one skipping it is checked by
    /// ``checkWinSkippingContract(_:amount:_:)``. An approver who moved the deal into the contract
    /// stage themself covers amounts up to their level.
    func dealAmountApproval(_ number: String, amount: Money, _ m: Mutation) throws -> ApprovalError? {
        let lead = try LeadLookup.require(m, number, for: .win)
        guard lead.status == .active, lead.stage != nil, lead.stage == context.pipeline.contractStage?.key, amount.fen > 0, amount.isWithinLimit,
              let need = context.process.approvals.requirement(enteringContract: amount), need.amount != nil else { return nil }
        let covered = try Bool.fetchOne(m.db, sql: """
            SELECT EXISTS (SELECT 1 FROM approval WHERE lead_id = ? AND status = 'approved' AND kind IN ('contract', 'deal-amount') AND amount_fen >= ?)
            """, arguments: [lead.id, amount.fen]) ?? false
        if covered { return nil }
        let selfApproved = try String.fetchAll(m.db, sql: "SELECT new FROM audit WHERE entity = 'lead' AND entity_id = ? AND action = 'contract-approved'",
                                               arguments: [lead.id]).compactMap(ApprovalPolicy.Level.init(rawValue:))
        if selfApproved.contains(where: { $0 >= need.level }) { return nil }
        let (byActor, approver) = try LeadApprovers.approves(need.level, on: lead, by: actor, users: SQLiteUsers(db: m.db))
        if byActor {
            try m.audit("amount-approved", entity: "lead", id: lead.id, field: "approval", new: "\(need.level.rawValue) \(amount)")
            return nil
        }
        let decider = try approver ?? Approvals.anyAdmin(m.db)
        let id = try LeadApprovers.request(.dealAmount, lead, from: lead.stage ?? "", to: "won", approver: decider,
                                           reason: "win for \(amount) (成交金额)", amount: amount, in: context.transaction(m))
        return .amountApprovalRequested(number: lead.number.description, amount: amount, level: need.level, approver: decider, id: id)
    }
}
