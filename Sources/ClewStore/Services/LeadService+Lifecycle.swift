import ClewDomain
import ClewServices
import Foundation
import GRDB

// MARK: - Screening and assignment

extension LeadService {
    /// Grades a lead A/B/C with the reason (筛选理由), kept as a note beside the suggestion
    /// (``ClewServices/LeadGradingService/grade(_:_:reason:expectedVersion:)`` on this database).
    @discardableResult
    public func grade(_ number: String, _ grade: Grade, reason: String, expectedVersion: Int? = nil) throws -> Lead {
        try LeadGradingService(context: context, actor: actor).grade(number, grade, reason: reason, expectedVersion: expectedVersion)
    }

    /// Gives a graded lead to a rep, who must then confirm or object
    /// (``ClewServices/LeadHandoverService/assign(_:to:expectedVersion:)`` on this database).
    @discardableResult
    public func assign(_ number: String, to login: String, expectedVersion: Int? = nil) throws -> Lead {
        try handover.assign(number, to: login, expectedVersion: expectedVersion)
    }

    /// Assigns several leads in one transaction: all of them, or none when one is refused.
    ///
    /// - Parameter assignments: lead number → assignee login, applied in order.
    @discardableResult
    public func assign(_ assignments: [(number: String, login: String)]) throws -> [Lead] {
        try handover.assign(assignments)
    }

    /// The assignee confirms receipt (确认接收): the lead becomes active in the first stage.
    @discardableResult
    public func confirm(_ number: String) throws -> Lead {
        try handover.confirm(number)
    }

    /// The assignee objects (异议) with a reason (``ClewServices/LeadHandoverService/object(_:reason:)``).
    @discardableResult
    public func object(_ number: String, reason: String) throws -> Lead {
        try handover.object(number, reason: reason)
    }

    /// The old name of ``ObjectionOutcome``, for callers of the service.
    public typealias ObjectionOutcome = ClewServices.ObjectionOutcome

    /// ``object(_:reason:)``, saying whether the objection was taken or went to the supervisor.
    public func objectOrAsk(_ number: String, reason: String) throws -> ObjectionOutcome {
        try handover.objectOrAsk(number, reason: reason)
    }

    /// A rep (or supervisor) takes a pooled lead (领取); it becomes theirs and active.
    @discardableResult
    public func claim(_ number: String) throws -> Lead {
        try handover.claim(number)
    }

    /// Claims several pooled leads in one transaction: all of them, or none when one is refused
    /// (the daily limit counts each claim of the batch).
    @discardableResult
    public func claim(_ numbers: [String]) throws -> [Lead] {
        try handover.claim(numbers)
    }

    /// The owner returns a lead to its pool (退回) with a reason
    /// (``ClewServices/LeadHandoverService/returnToPool(_:reason:)``).
    @discardableResult
    public func returnToPool(_ number: String, reason: String) throws -> Lead {
        try handover.returnToPool(number, reason: reason)
    }

    /// The hand-over use cases over this database's ports.
    private var handover: LeadHandoverService { LeadHandoverService(context: context, actor: actor) }

    // MARK: - Closing

    /// Wins the deal: the lead converts into customer, contact and opportunity (成交), keeping
    /// its history. Only from the contract stage (合同签订), or from an earlier one when the
    /// actor approves the skip themself (``Pipeline/planWin(from:actorApprovesSkips:)``); its
    /// open tasks and cadence are cancelled, except the work after the sale.
    @discardableResult
    ///
    /// - Throws: ``ClewDomain/ApprovalError/amountApprovalRequested(number:amount:level:approver:id:)``
    ///   when the amount is above an `[approvals]` threshold that no approval of the deal covers
    ///   (the request is filed and kept; nothing else changes).
    public func win(_ number: String, amount: Money, expectedVersion: Int? = nil) throws -> Lead {
        // Filed in its own transaction, so the request stays when the win is refused.
        if let requested = try context.mutate(as: actor, { m in try dealAmountApproval(number, amount: amount, m) }) { throw requested }
        return try context.mutate(as: actor) { m in
            let lead = try LeadLookup.require(m, number, for: .win, expectedVersion: expectedVersion)
            var updated = lead
            updated.status = try LeadLifecycle.next(after: .win, from: lead.status)
            let conversion = try LeadConversion.convert(lead, amount: amount, at: m.now)
            let plan = try context.pipeline.planWin(from: lead.stage, actorApprovesSkips: try approvesSkips(of: lead, m.db))
            if case let .skipping(stages) = plan {
                try checkWinSkippingContract(lead, amount: amount, m)
                try m.audit(LeadChange.skipApproved.rawValue, entity: "lead", id: lead.id, field: "skipped", new: stages.joined(separator: ","))
            }
            updated.amount = amount
            try StageTracking.close(lead, m)
            try Conversions.record(conversion, lead: lead, m)
            try Contracts.sign(for: lead, amount: amount, context: context, m)
            try LeadClosingService.settle(lead, .won, in: context.transaction(m))
            if let supervisor = try owningSupervisor(of: lead, m.db) {
                try m.notify(supervisor, kind: "won", leadID: lead.id, body: "\(lead.number) won for \(amount)",
                             parameters: ["\(lead.number) \(lead.details.customer ?? "")", "\(amount)"])
            }
            var won = try m.update(lead, to: updated, action: .win, also: ["closed_at": m.now.storage])
            if let stage = lead.stage { won = try context.publish(.leftStage(stage), on: won, m) }
            // A win that skipped the contract stage signed the contract too.
            if case .skipping = plan { won = try context.publish(.contractSigned, on: won, m) }
            return try context.publish(.won, on: won, m)
        }
    }

    /// Closes the lead as lost (已终止) with a reason
    /// (``ClewServices/LeadClosingService/lose(_:reason:expectedVersion:)`` on this database).
    @discardableResult
    public func lose(_ number: String, reason: LostReason, expectedVersion: Int? = nil) throws -> Lead {
        try LeadClosingService(context: context, actor: actor).lose(number, reason: reason, expectedVersion: expectedVersion)
    }

    /// Brings a lost lead back to screening (``ClewServices/LeadHandoverService/reopen(_:reason:)``).
    @discardableResult
    public func reopen(_ number: String, reason: String) throws -> Lead {
        try handover.reopen(number, reason: reason)
    }

    // MARK: - Helpers

    /// Fires `stage-entered` for the stage `lead` is now in.
    func firedStageEntered(_ lead: Lead, _ m: Mutation, depth: Int = 0) throws -> Lead {
        guard let stage = lead.stage else { return lead }
        return try context.publish(.enteredStage(stage), on: lead, depth: depth, m)
    }

    /// Whether the actor approves a stage skip on `lead` by making it (``ClewServices/LeadApprovers/approvesSkips(of:by:users:)``).
    func approvesSkips(of lead: Lead, _ db: Database) throws -> Bool {
        try LeadApprovers.approvesSkips(of: lead, by: actor, users: SQLiteUsers(db: db))
    }

    func owningSupervisor(of lead: Lead, _ db: Database) throws -> String? {
        try LeadApprovers.owningSupervisor(of: lead, users: SQLiteUsers(db: db))
    }

    static func requireReason(_ text: String, for purpose: ReasonPurpose) throws -> String {
        try Reasons.require(text, for: purpose)
    }
}
