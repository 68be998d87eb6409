import ClewDomain
import Foundation

/// Closing a lead, over the ports (issue 9): losing it (已终止) with a reason, and what every
/// close does as ``ClewDomain/LeadClosing`` decides — open tasks and cadence cancelled with the
/// reason (the work after a sale kept on a win), pending approvals withdrawn, the alerts about
/// it cleared from everyone's inbox.
///
/// ```swift
/// let closing = LeadClosingService(store: store, actor: rep)
/// try closing.lose("XL-20261203-001", reason: LostReason("预算不足"))
/// ```
public struct LeadClosingService: Sendable {
    let store: any ServiceStore
    /// The user the service acts for.
    public let actor: ActingUser

    public init(store: any ServiceStore, actor: ActingUser) {
        self.store = store
        self.actor = actor
    }

    /// Wins the deal (成交): the lead converts into customer, contact and opportunity, keeping
    /// its history, and its contract is signed. Only from the contract stage (合同签订), or from
    /// an earlier one when the actor approves the skip themself
    /// (``ClewDomain/Pipeline/planWin(from:actorApprovesSkips:)``); ``settle(_:_:in:)`` clears its
    /// work except what comes after the sale; the owner's supervisor is told, and
    /// ``ClewDomain/DomainEvent/won`` is published.
    ///
    /// - Throws: ``ClewDomain/ApprovalError/amountApprovalRequested(number:amount:level:approver:id:)``
    ///   when the amount is above an `[approvals]` threshold that no approval of the deal covers
    ///   (the request is filed and kept; nothing else changes), ``ClewDomain/ApprovalError/needsApproval(number:level:)``,
    ///   ``ClewDomain/ConversionError``, a lifecycle or stage error, `PermissionError`.
    @discardableResult
    public func win(_ number: String, amount: Money, expectedVersion: Int? = nil) throws -> Lead {
        // Filed in its own transaction, so the request stays when the win is refused.
        if let requested = try store.write(as: actor, { tx in try dealAmountApproval(number, amount: amount, in: tx) }) { throw requested }
        return try store.write(as: actor) { tx in
            let lead = try tx.requireLead(number, for: .win, by: actor, expectedVersion: expectedVersion)
            var updated = lead
            updated.status = try LeadLifecycle.next(after: .win, from: lead.status)
            let conversion = try LeadConversion.convert(lead, amount: amount, at: tx.now)
            let plan = try tx.rules.process.pipeline.planWin(from: lead.stage,
                                                              actorApprovesSkips: try LeadApprovers.approvesSkips(of: lead, by: actor, users: tx.users))
            if case let .skipping(stages) = plan {
                try checkWinSkippingContract(lead, amount: amount, in: tx)
                try tx.leads.record(.skipApproved, field: "skipped", value: stages.joined(separator: ","), onLead: lead.id)
            }
            updated.amount = amount
            try tx.leads.leaveStage(ofLead: lead.id)
            try tx.deals.recordWin(conversion, of: lead)
            try tx.deals.signContract(for: lead, amount: amount)
            try Self.settle(lead, .won, in: tx)
            if let supervisor = try LeadApprovers.owningSupervisor(of: lead, users: tx.users) {
                try tx.notify(supervisor, kind: "won", leadID: lead.id, body: "\(lead.number) won for \(amount)",
                              parameters: ["\(lead.number) \(lead.details.customer ?? "")", "\(amount)"])
            }
            var won = try tx.leads.update(lead, to: updated, as: .win, storing: [.closedAt(tx.now)])
            if let stage = lead.stage { won = try tx.publish(.leftStage(stage), on: won) }
            // A win that skipped the contract stage signed the contract too.
            if case .skipping = plan { won = try tx.publish(.contractSigned, on: won) }
            return try tx.publish(.won, on: won)
        }
    }

    /// An admin corrects the amount a lead was won for (a typo at the win, a renegotiated
    /// contract): the lead and its opportunity change together, audited with the reason.
    ///
    /// - Throws: `PermissionError` for anyone but an admin; ``ClewDomain/ConversionError`` for an
    ///   amount that is not above zero or above ``ClewDomain/Money/limit``;
    ///   ``ClewDomain/LeadError/notWon(number:status:)`` for a lead that is not won.
    @discardableResult
    public func correctWonAmount(_ number: String, to amount: Money, reason: String) throws -> Lead {
        try AccessPolicy.check(.administer, actor)
        let reason = try Reasons.require(reason, for: .correctingAmount)
        guard amount.fen > 0 else { throw ConversionError.nonPositiveAmount }
        guard amount.isWithinLimit else { throw ConversionError.amountAboveLimit(amount) }
        return try store.write(as: actor) { tx in
            let lead = try tx.requireLead(number, for: .edit, by: actor)
            guard lead.status == .won else { throw LeadError.notWon(number: lead.number.description, status: lead.status) }
            var corrected = lead
            corrected.amount = amount
            let stored = try tx.leads.update(lead, to: corrected, as: .correctAmount, storing: [])
            try tx.deals.correctWonAmount(ofLead: lead.id, to: amount)
            try tx.leads.record(.correctAmountReason, field: "amount_reason", value: reason, onLead: lead.id, atVersion: stored.version)
            return stored
        }
    }

    /// Closes the lead as lost (已终止) with `reason`: it leaves its stage, its open opportunity
    /// is lost and its draft contract cancelled, and ``settle(_:_:in:)`` clears its work;
    /// ``ClewDomain/DomainEvent/lost`` is published.
    ///
    /// - Parameter expectedVersion: the version the closer saw; refused only when a field the
    ///   close changes was changed since.
    /// - Throws: a lifecycle error (only an open lead is lost), `PermissionError`.
    @discardableResult
    public func lose(_ number: String, reason: LostReason, expectedVersion: Int? = nil) throws -> Lead {
        try store.write(as: actor) { tx in
            let lead = try tx.requireLead(number, for: .lose, by: actor, expectedVersion: expectedVersion)
            var updated = lead
            updated.status = try LeadLifecycle.next(after: .lose, from: lead.status)
            updated.lostReason = reason
            try tx.leads.leaveStage(ofLead: lead.id)
            try tx.deals.closeOpportunityLost(ofLead: lead.id)
            try Self.settle(lead, .lost(reason), in: tx)
            try tx.deals.cancelDraftContract(ofLead: lead.id)
            var lost = try tx.leads.update(lead, to: updated, as: .lose, storing: [.closedAt(tx.now)])
            if let stage = lead.stage { lost = try tx.publish(.leftStage(stage), on: lost) }
            return try tx.publish(.lost, on: lost)
        }
    }

    /// What closing `lead` as `outcome` does to its work, as `tx`'s actor: each open task the
    /// close does not keep is cancelled with the reason, each pending approval withdrawn, and
    /// the unread alerts about it cleared (one `clear-alerts` row on the lead says how many).
    public static func settle(_ lead: Lead, _ outcome: LeadClosing.Outcome, in tx: any StoreTransaction) throws {
        let reason = LeadClosing.cancelReason(outcome)
        for task in try tx.tasks.open(onLead: lead.id) where !LeadClosing.keepsTask(triggerEvent: task.triggerEvent, on: outcome) {
            try tx.tasks.close(task.id, as: .cancelled)
            try tx.tasks.recordCancelReason(reason, ofTask: task.id)
        }
        try LeadHandoverService.withdrawPendingApprovals(onLead: lead.id, in: tx)
        let cleared = try tx.notifications.unread(onLead: lead.id).filter { LeadClosing.clearsAlert(kind: $0.kind) }.map(\.id)
        guard !cleared.isEmpty else { return }
        try tx.notifications.clear(cleared)
        try tx.leads.record(.clearAlerts, field: "alerts", value: "\(cleared.count) cleared: \(reason)", onLead: lead.id)
    }

    // MARK: - Approvals a win needs

    /// The approval winning lead `number` for `amount` still needs under `[approvals]`, filed as a
    /// `deal-amount` request for the owner's supervisor (or, above `director_above_yuan`, theirs);
    /// nil when none is needed: the amount is below the thresholds, an approved contract or
    /// deal-amount request of the deal covers it, or the actor may approve it (audited as
    /// `amount-approved`).
    ///
    /// Only a win from the contract stage: one skipping it is checked by
    /// ``checkWinSkippingContract(_:amount:in:)``. An approver who moved the deal into the contract
    /// stage themself covers amounts up to their level.
    private func dealAmountApproval(_ number: String, amount: Money, in tx: any StoreTransaction) throws -> ApprovalError? {
        let lead = try tx.requireLead(number, for: .win, by: actor)
        guard lead.status == .active, lead.stage != nil, lead.stage == tx.rules.process.pipeline.contractStage?.key, amount.fen > 0,
              amount.isWithinLimit, let need = tx.rules.process.approvals.requirement(enteringContract: amount), need.amount != nil else { return nil }
        if try tx.approvals.approvedAmountCovers(amount, onLead: lead.id) { return nil }
        let selfApproved = try tx.leads.recordedValues(of: .contractApproved, onLead: lead.id).compactMap(ApprovalPolicy.Level.init(rawValue:))
        if selfApproved.contains(where: { $0 >= need.level }) { return nil }
        let (byActor, approver) = try LeadApprovers.approves(need.level, on: lead, by: actor, users: tx.users)
        if byActor {
            try tx.leads.record(.amountApproved, field: "approval", value: "\(need.level.rawValue) \(amount)", onLead: lead.id)
            return nil
        }
        let decider = try approver ?? tx.users.firstActiveAdmin()
        let id = try LeadApprovers.request(.dealAmount, lead, from: lead.stage ?? "", to: "won", approver: decider,
                                           reason: "win for \(amount) (成交金额)", amount: amount, in: tx)
        return .amountApprovalRequested(number: lead.number.description, amount: amount, level: need.level, approver: decider, id: id)
    }

    /// Refuses a win that skips the contract stage past an approval the actor cannot give
    /// themself (a supervisor winning a deal only the director may approve). The larger of the
    /// expected and the win amount decides.
    private func checkWinSkippingContract(_ lead: Lead, amount: Money, in tx: any StoreTransaction) throws {
        let expected = [ApprovalPolicy.expectedAmount(of: lead), amount].compactMap { $0 }.max()
        guard let need = tx.rules.process.approvals.requirement(enteringContract: expected), need.level == .director, actor.role != .admin else {
            return
        }
        let director = try LeadApprovers.chain(of: lead, users: tx.users).director
        guard director == nil || actor.login != director else { return }
        throw ApprovalError.needsApproval(number: lead.number.description, level: need.level)
    }
}
