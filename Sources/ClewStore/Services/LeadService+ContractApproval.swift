import ClewDomain
import Foundation
import GRDB

extension LeadService {
    /// Files the contract approval (合同审批) that entering `target` needs under the process
    /// file's `[approvals]`, and returns what to tell the actor; nil when the move may go on:
    /// nothing is needed, or the actor is the approver (or above them, or an admin) and approves
    /// it by making it (audited as `contract-approved`).
    func contractApproval(_ lead: Lead, from current: String, to target: String, reason: String?, _ m: Mutation) throws -> MoveOutcome? {
        guard target == context.pipeline.contractStage?.key,
              let need = context.process.approvals.requirement(enteringContract: ApprovalPolicy.expectedAmount(of: lead)) else { return nil }
        let supervisor = try owningSupervisor(of: lead, m.db)
        let director = try supervisor.flatMap { try UserDirectory.profile(m.db, login: $0)?.supervisor }
        let approver = ApprovalPolicy.approver(need.level, supervisor: supervisor, director: director)
        if actor.role == .admin || (approver != nil && actor.login == approver) || (need.level == .supervisor && director != nil && actor.login == director) {
            try m.audit("contract-approved", entity: "lead", id: lead.id, field: "approval", new: need.level.rawValue)
            return nil
        }
        let decider = try approver ?? Approvals.anyAdmin(m.db)
        let id = try Approvals.request(.contract, lead, from: current, to: target, approver: decider,
                                       reason: [need.amount.map { "expected \($0)" }, reason].compactMap { $0 }.joined(separator: "; "), m)
        return .contractApprovalRequested(id: id, approver: decider, level: need.level)
    }

    /// Refuses a win that skips the contract stage past an approval the actor cannot give
    /// themself (a supervisor winning a deal only the director may approve).
    func checkWinSkippingContract(_ lead: Lead, _ m: Mutation) throws {
        guard let need = context.process.approvals.requirement(enteringContract: ApprovalPolicy.expectedAmount(of: lead)),
              need.level == .director, actor.role != .admin else { return }
        let supervisor = try owningSupervisor(of: lead, m.db)
        let director = try supervisor.flatMap { try UserDirectory.profile(m.db, login: $0)?.supervisor }
        guard director == nil || actor.login != director else { return }
        throw ApprovalError.needsApproval(number: lead.number.description, level: need.level)
    }
}
