import ClewDomain
import Foundation

/// Handing leads over, over the ports (issue 9): a supervisor assigns a graded lead (分配), the
/// assignee confirms it (确认接收) or objects (异议); a rep claims from a pool (领取) or returns a
/// lead to it (退回); a lost lead is reopened. Each runs in one write transaction with its audit
/// rows, and publishes what happened (``ClewDomain/DomainEvent/handedTo(_:)``,
/// ``ClewDomain/DomainEvent/enteredStage(_:)``, …) for the automation to act on in it.
///
/// The steps other use cases take inside their own transaction — routing assigns, the recycling
/// timer returns, an approved late objection objects — are the static ``assign(_:to:in:)``,
/// ``returnToPool(_:reason:in:)`` and ``object(_:reason:in:)``.
///
/// ```swift
/// let handover = LeadHandoverService(store: store, actor: supervisor)
/// try handover.assign("XL-20261203-001", to: "wang.fang")
/// try LeadHandoverService(store: store, actor: rep).confirm("XL-20261203-001")
/// ```
public struct LeadHandoverService: Sendable {
    let store: any ServiceStore
    /// The user the service acts for.
    public let actor: ActingUser

    public init(store: any ServiceStore, actor: ActingUser) {
        self.store = store
        self.actor = actor
    }

    // MARK: Assigning

    /// Gives a graded lead to `login`, who must then confirm or object.
    ///
    /// - Parameter expectedVersion: the version the assigner saw; refused only when a field the
    ///   assignment changes was changed since.
    /// - Throws: ``ClewDomain/LeadError/notGraded(number:)``, ``ClewDomain/LeadError/alreadyAssigned(number:to:)``,
    ///   what ``Assignability/check(_:in:)`` throws, a lifecycle error, `PermissionError`.
    @discardableResult
    public func assign(_ number: String, to login: String, expectedVersion: Int? = nil) throws -> Lead {
        try store.write(as: actor) { tx in
            try Self.assign(try tx.requireLead(number, for: .assign, by: actor, expectedVersion: expectedVersion), to: login, in: tx)
        }
    }

    /// Assigns several leads in one transaction: all of them, or none when one is refused.
    ///
    /// - Parameter assignments: lead number → assignee login, applied in order (each counts
    ///   against the assignee's capacity for the next).
    @discardableResult
    public func assign(_ assignments: [(number: String, login: String)]) throws -> [Lead] {
        try store.write(as: actor) { tx in
            try assignments.map { try Self.assign(try tx.requireLead($0.number, for: .assign, by: actor), to: $0.login, in: tx) }
        }
    }

    /// Assigns `lead` (read in `tx` and permitted) to `login` as `tx`'s actor: the lead leaves its
    /// stage and any pending approval, `login` is told, and ``ClewDomain/DomainEvent/handedTo(_:)``
    /// is published (which starts its cadence).
    public static func assign(_ lead: Lead, to login: String, in tx: any StoreTransaction) throws -> Lead {
        let actor = writer(of: tx)
        var updated = lead
        updated.status = try LeadLifecycle.next(after: .assign, from: lead.status)
        guard lead.grade != nil else { throw LeadError.notGraded(number: lead.number.description) }
        let assignee = try Assignability.check(login, in: tx)
        if lead.owner == assignee.login && lead.status == .assigned {
            throw LeadError.alreadyAssigned(number: lead.number.description, to: login)
        }
        updated.owner = assignee.login
        updated.pool = nil
        updated.stage = nil
        updated.stageEnteredAt = nil
        try tx.leads.leaveStage(ofLead: lead.id)
        try withdrawPendingApprovals(onLead: lead.id, in: tx)
        let customer = lead.details.customer ?? ""
        try tx.notify(assignee.login, kind: "assignment", leadID: lead.id,
                      body: "\(actor.login) assigned \(lead.number) \(customer) to you; confirm or object",
                      parameters: [actor.login, lead.number.description, customer])
        var assigned = try tx.leads.update(lead, to: updated, as: .assign, storing: [.assignedAt(tx.now)])
        if let stage = lead.stage { assigned = try tx.publish(.leftStage(stage), on: assigned) }
        return try tx.publish(.handedTo(assignee.login), on: assigned)
    }

    /// The assignee confirms receipt (确认接收): the lead becomes active in the first stage.
    @discardableResult
    public func confirm(_ number: String) throws -> Lead {
        try store.write(as: actor) { tx in
            let lead = try tx.requireLead(number, for: .confirm, by: actor)
            var updated = lead
            updated.status = try LeadLifecycle.next(after: .confirm, from: lead.status)
            try Self.enterFirstStage(&updated, in: tx)
            return try Self.publishStageEntered(try tx.leads.update(lead, to: updated, as: .confirm, storing: []), in: tx)
        }
    }

    // MARK: Objecting

    /// The assignee objects (异议) with a reason: the lead goes back to screening and whoever
    /// assigned it is told. Past `object_within` of the assignment (seed 004) the objection is a
    /// request for the supervisor instead, and the lead is returned unchanged
    /// (``objectOrAsk(_:reason:)`` says which happened).
    @discardableResult
    public func object(_ number: String, reason: String) throws -> Lead {
        switch try objectOrAsk(number, reason: reason) {
        case let .objected(lead): lead
        case .approvalRequested: try store.read { tx in try tx.requireLead(number, for: .read, by: actor) }
        }
    }

    /// ``object(_:reason:)``, saying whether the objection was taken or went to the supervisor.
    ///
    /// - Throws: ``ClewDomain/LeadError/reasonRequired(_:)``, ``ClewDomain/LeadError/awaitingApproval(number:approval:)``
    ///   (a late objection already waits), a lifecycle error, `PermissionError` (only the assignee objects).
    public func objectOrAsk(_ number: String, reason: String) throws -> ObjectionOutcome {
        let reason = try Reasons.require(reason, for: .objection)
        return try store.write(as: actor) { tx in
            let lead = try tx.requireLead(number, for: .object, by: actor)
            _ = try LeadLifecycle.next(after: .object, from: lead.status)
            if let late = try Self.lateObjection(lead, reason: reason, in: tx) { return late }
            return .objected(try Self.object(lead, reason: reason, in: tx))
        }
    }

    /// Returns `lead` to screening for the objection `reason` (the assignee's own, or approved
    /// late) as `tx`'s actor: its pending approvals other than the objection request are
    /// withdrawn, the reason kept as a note and audited, and whoever assigned it told.
    public static func object(_ lead: Lead, reason: String, in tx: any StoreTransaction) throws -> Lead {
        let actor = writer(of: tx)
        var updated = lead
        updated.status = try LeadLifecycle.next(after: .object, from: lead.status)
        updated.owner = nil
        try withdrawPendingApprovals(onLead: lead.id, except: try tx.approvals.pendingID(onLead: lead.id, kind: .objection), in: tx)
        _ = try tx.leads.addNote(reason, kind: .objection, toLead: lead.id)
        if let recipient = try tx.leads.lastActor(of: .assign, onLead: lead.id) ?? actor.profile.supervisor {
            try tx.notify(recipient, kind: "objection", leadID: lead.id,
                          body: "\(actor.login) objected to \(lead.number): \(reason)", parameters: [actor.login, lead.number.description, reason])
        }
        try tx.leads.record(.objectReason, field: "objection", value: reason, onLead: lead.id)
        return try tx.publish(.objected, on: try tx.leads.update(lead, to: updated, as: .object, storing: []))
    }

    /// Past `object_within` of the assignment, the objection becomes a request for the owner's
    /// supervisor (else the first active admin); nil when it is in time.
    private static func lateObjection(_ lead: Lead, reason: String, in tx: any StoreTransaction) throws -> ObjectionOutcome? {
        let rules = tx.rules.process.screening
        guard let assignedAt = try tx.leads.assignment(ofLead: lead.id).assignedAt,
              !rules.acceptsObjection(assignedAt: assignedAt, at: tx.now, calendar: tx.rules.calendar) else { return nil }
        if let pending = try tx.approvals.pendingID(onLead: lead.id, kind: .objection) {
            throw LeadError.awaitingApproval(number: lead.number.description, approval: pending)
        }
        let approver = try lead.owner.flatMap { try tx.users.profile(login: $0)?.supervisor } ?? tx.users.firstActiveAdmin()
        let id = try tx.approvals.insert(NewApproval(leadID: lead.id, kind: .objection, approver: approver, reason: reason))
        let actor = writer(of: tx)
        try tx.notify(approver, kind: "objection", text: "late", leadID: lead.id,
                      body: "\(actor.login) objects to \(lead.number) after \(rules.objectWithin): \(reason) — reassign or keep it",
                      parameters: [actor.login, lead.number.description, rules.objectWithin.description, reason])
        return .approvalRequested(id: id, approver: approver, within: rules.objectWithin)
    }

    // MARK: Pools

    /// A rep (or supervisor) takes a pooled lead (领取); it becomes theirs and active.
    ///
    /// - Throws: ``ClewDomain/LeadError/claimLimitReached(pool:claimed:)``, what
    ///   ``Assignability/check(_:in:)`` throws, a lifecycle error, `PermissionError`.
    @discardableResult
    public func claim(_ number: String) throws -> Lead {
        try store.write(as: actor) { tx in try claim(number, in: tx) }
    }

    /// Claims several pooled leads in one transaction: all of them, or none when one is refused
    /// (the daily limit counts each claim of the batch).
    @discardableResult
    public func claim(_ numbers: [String]) throws -> [Lead] {
        try store.write(as: actor) { tx in try numbers.map { try claim($0, in: tx) } }
    }

    private func claim(_ number: String, in tx: any StoreTransaction) throws -> Lead {
        // The lifecycle reason ("only a lead in a pool can be claimed") explains more than the
        // permission one, so it is checked first for a lead the actor can see.
        _ = try LeadLifecycle.next(after: .claim, from: try tx.requireLead(number, for: .read, by: actor).status)
        let lead = try tx.requireLead(number, for: .claim, by: actor)
        var updated = lead
        updated.status = try LeadLifecycle.next(after: .claim, from: lead.status)
        _ = try Assignability.check(actor.login, in: tx)
        let pool = lead.pool ?? PoolDefinition.general
        if let limit = tx.rules.process.pools.first(where: { $0.name == pool })?.dailyClaimLimit {
            let claimed = try tx.firings.claims(from: pool, by: actor.login, since: tx.now.startOfDay(in: tx.rules.calendar.timeZone))
            guard claimed < limit else { throw LeadError.claimLimitReached(pool: pool, claimed: claimed) }
        }
        updated.owner = actor.login
        updated.pool = nil
        try Self.enterFirstStage(&updated, in: tx)
        try tx.automated.firings.record(NewFiring(rule: PoolDefinition.claimRule(pool), kind: .pool, leadID: lead.id,
                                                  subject: PoolDefinition.claimSubject(actor.login),
                                                  occurrence: "lead:\(lead.id)@\(tx.now.timeIntervalSince1970)", action: "claim"),
                                        outcome: .claimed(by: actor.login))
        let claimed = try tx.leads.update(lead, to: updated, as: .claim, storing: [.assignedAt(tx.now), .homePool(pool)])
        return try Self.publishStageEntered(try tx.publish(.handedTo(actor.login), on: claimed), in: tx)
    }

    /// The owner returns a lead to its pool (退回) with a reason: the pool it came from, else the
    /// process pool gathering its region or industry, else its region, industry or `general`.
    @discardableResult
    public func returnToPool(_ number: String, reason: String) throws -> Lead {
        let reason = try Reasons.require(reason, for: .returning)
        return try store.write(as: actor) { tx in
            try Self.returnToPool(try tx.requireLead(number, for: .returnToPool, by: actor), reason: reason, in: tx)
        }
    }

    /// Returns `lead` to its pool (``ClewDomain/PoolDefinition/returnPool(home:region:industry:among:)``)
    /// as `tx`'s actor: it leaves its stage, its open tasks are cancelled and its pending
    /// approvals withdrawn, the reason kept as a note and audited. The recycling timer runs this.
    public static func returnToPool(_ lead: Lead, reason: String, in tx: any StoreTransaction) throws -> Lead {
        var updated = lead
        updated.status = try LeadLifecycle.next(after: .returnToPool, from: lead.status)
        updated.owner = nil
        updated.pool = PoolDefinition.returnPool(home: try tx.leads.assignment(ofLead: lead.id).homePool, region: lead.details.region,
                                                 industry: lead.details.industry, among: tx.rules.process.pools)
        try tx.leads.leaveStage(ofLead: lead.id)
        updated.stage = nil
        updated.stageEnteredAt = nil
        updated.flags.remove(.stalled)
        for task in try tx.tasks.openIDs(onLead: lead.id) { try tx.tasks.close(task, as: .cancelled) }
        try withdrawPendingApprovals(onLead: lead.id, in: tx)
        _ = try tx.leads.addNote(reason, kind: .`return`, toLead: lead.id)
        try tx.leads.record(.returnReason, field: "return_reason", value: reason, onLead: lead.id)
        let returned = try tx.leads.update(lead, to: updated, as: .`return`, storing: [])
        if let stage = lead.stage { return try tx.publish(.leftStage(stage), on: returned) }
        return returned
    }

    // MARK: Reopening

    /// Brings a lost lead back to screening with the reason, kept as a note.
    @discardableResult
    public func reopen(_ number: String, reason: String) throws -> Lead {
        let reason = try Reasons.require(reason, for: .reopening)
        return try store.write(as: actor) { tx in
            let lead = try tx.requireLead(number, for: .reopen, by: actor)
            var updated = lead
            updated.status = try LeadLifecycle.next(after: .reopen, from: lead.status)
            updated.lostReason = nil
            updated.owner = nil
            updated.stage = nil
            updated.stageEnteredAt = nil
            _ = try tx.leads.addNote(reason, kind: .reopen, toLead: lead.id)
            return try tx.leads.update(lead, to: updated, as: .reopen, storing: [])
        }
    }
}

extension LeadHandoverService {
    /// Puts `lead` in the pipeline's first stage, now, with its stay planned by the stage's limit.
    static func enterFirstStage(_ lead: inout Lead, in tx: any StoreTransaction) throws {
        let pipeline = tx.rules.process.pipeline
        guard let first = pipeline.firstStage else { return }
        lead.stage = first.key
        lead.stageEnteredAt = tx.now
        try tx.leads.enterStage(first.key, ofLead: lead.id,
                                plannedExit: pipeline.plannedExit(of: first.key, enteredAt: tx.now, calendar: tx.rules.calendar))
    }

    /// Publishes ``ClewDomain/DomainEvent/enteredStage(_:)`` for the stage `lead` is now in.
    static func publishStageEntered(_ lead: Lead, in tx: any StoreTransaction) throws -> Lead {
        guard let stage = lead.stage else { return lead }
        return try tx.publish(.enteredStage(stage), on: lead)
    }

    /// Withdraws every pending approval on lead `id` but `kept`.
    static func withdrawPendingApprovals(onLead id: Int64, except kept: Int64? = nil, in tx: any StoreTransaction) throws {
        for approval in try tx.approvals.pendingIDs(onLead: id) where approval != kept { try tx.approvals.withdraw(approval) }
    }

    /// The acting user of write transaction `tx`; a hand-over in a read one is a programming error.
    static func writer(of tx: any StoreTransaction) -> ActingUser {
        guard let actor = tx.actor else { preconditionFailure("a hand-over in a read transaction") }
        return actor
    }
}
