import ClewDomain
import Foundation

/// Who approves what on a lead (审批, seed 000: 提交申请并经上级审批后执行): the owner's supervisor
/// and the supervisor's own (the director), read from the users; and filing a request for them.
public enum LeadApprovers {
    /// The supervisor of `lead`'s owner, if it has an owner with one.
    public static func owningSupervisor(of lead: Lead, users: any UserRepository) throws -> String? {
        guard let owner = lead.owner else { return nil }
        return try users.profile(login: owner)?.supervisor
    }

    /// The owner's supervisor and that supervisor's own (a director), as far as the chain goes.
    public static func chain(of lead: Lead, users: any UserRepository) throws -> (supervisor: String?, director: String?) {
        let supervisor = try owningSupervisor(of: lead, users: users)
        return (supervisor, try supervisor.flatMap { try users.profile(login: $0)?.supervisor })
    }

    /// Whether `actor` approves a stage skip on `lead` by making it: an admin, the owner's
    /// supervisor or someone the owner reports to further up (a director), or any supervisor
    /// when the owner has none.
    public static func approvesSkips(of lead: Lead, by actor: ActingUser, users: any UserRepository) throws -> Bool {
        let supervisor = try owningSupervisor(of: lead, users: users)
        let above = actor.role == .supervisor && lead.owner.map(actor.team.contains) == true
        return actor.role == .admin || actor.login == supervisor || above || (actor.role == .supervisor && supervisor == nil)
    }

    /// Whether `actor` gives approval at `level` for `lead` by acting themself — an admin, the
    /// approver the chain names, or the director for a supervisor's approval — and who that
    /// approver is (nil: the chain has no one there, and an admin decides).
    public static func approves(_ level: ApprovalPolicy.Level, on lead: Lead, by actor: ActingUser,
                                users: any UserRepository) throws -> (byActor: Bool, approver: String?) {
        let (supervisor, director) = try chain(of: lead, users: users)
        let approver = ApprovalPolicy.approver(level, supervisor: supervisor, director: director)
        let byActor = actor.role == .admin || (approver != nil && actor.login == approver)
            || (level == .supervisor && director != nil && actor.login == director)
        return (byActor, approver)
    }

    /// Files a pending request of `kind` to move `lead` from `from` to `to`, for `approver`, who
    /// is told; refused while one of the same kind is pending. Returns its id.
    ///
    /// - Throws: ``ClewDomain/LeadError/awaitingApproval(number:approval:)``.
    public static func request(_ kind: ApprovalKind, _ lead: Lead, from: String, to: String, approver: String, reason: String?,
                               amount: Money? = nil, in tx: any StoreTransaction) throws -> Int64 {
        guard let actor = tx.actor else { preconditionFailure("an approval request in a read transaction") }
        let reason = reason.flatMap { $0.isEmpty ? nil : $0 }
        if let pending = try tx.approvals.pendingID(onLead: lead.id, kind: kind) {
            throw LeadError.awaitingApproval(number: lead.number.description, approval: pending)
        }
        let id = try tx.approvals.insert(NewApproval(leadID: lead.id, kind: kind, fromStage: from, toStage: to, approver: approver,
                                                     reason: reason, amount: amount))
        try tx.notify(approver, kind: "approval", leadID: lead.id,
                      body: "\(actor.login) asks to move \(lead.number) from \(from) to \(to)" + (reason.map { ": \($0)" } ?? ""),
                      parameters: [actor.login, lead.number.description, from, to, reason ?? ""])
        return id
    }
}
