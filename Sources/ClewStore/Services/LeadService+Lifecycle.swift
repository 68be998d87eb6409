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

    /// Wins the deal (成交) (``ClewServices/LeadClosingService/win(_:amount:expectedVersion:)`` on
    /// this database).
    ///
    /// - Throws: ``ClewDomain/ApprovalError/amountApprovalRequested(number:amount:level:approver:id:)``
    ///   when the amount is above an `[approvals]` threshold that no approval of the deal covers
    ///   (the request is filed and kept; nothing else changes).
    @discardableResult
    public func win(_ number: String, amount: Money, expectedVersion: Int? = nil) throws -> Lead {
        try LeadClosingService(context: context, actor: actor).win(number, amount: amount, expectedVersion: expectedVersion)
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

    /// The supervisor of `lead`'s owner (``ClewServices/LeadApprovers/owningSupervisor(of:users:)``).
    func owningSupervisor(of lead: Lead, _ db: Database) throws -> String? {
        try LeadApprovers.owningSupervisor(of: lead, users: SQLiteUsers(db: db))
    }

    static func requireReason(_ text: String, for purpose: ReasonPurpose) throws -> String {
        try Reasons.require(text, for: purpose)
    }
}
