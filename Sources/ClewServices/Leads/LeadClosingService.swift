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
}
