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

    /// Gives a graded lead to a rep, who must then confirm or object.
    @discardableResult
    public func assign(_ number: String, to login: String, expectedVersion: Int? = nil) throws -> Lead {
        try context.mutate(as: actor) { m in try assign(number, to: login, expectedVersion: expectedVersion, m) }
    }

    /// Assigns several leads in one transaction: all of them, or none when one is refused.
    ///
    /// - Parameter assignments: lead number → assignee login, applied in order.
    @discardableResult
    public func assign(_ assignments: [(number: String, login: String)]) throws -> [Lead] {
        try context.mutate(as: actor) { m in
            try assignments.map { try assign($0.number, to: $0.login, expectedVersion: nil, m) }
        }
    }

    private func assign(_ number: String, to login: String, expectedVersion: Int?, _ m: Mutation) throws -> Lead {
        let lead = try LeadLookup.require(m, number, for: .assign, expectedVersion: expectedVersion)
        return try assignNow(lead, to: login, m)
    }

    /// Assigns `lead` (already looked up and permitted) to `login` and starts its cadence.
    package func assignNow(_ lead: Lead, to login: String, _ m: Mutation) throws -> Lead {
        var updated = lead
        updated.status = try LeadLifecycle.next(after: .assign, from: lead.status)
        guard lead.grade != nil else {
            throw LeadError.notGraded(number: lead.number.description)
        }
        let assignee = try Assignability.check(login, m)
        if lead.owner == assignee.login && lead.status == .assigned {
            throw LeadError.alreadyAssigned(number: lead.number.description, to: login)
        }
        updated.owner = assignee.login
        updated.pool = nil
        updated.stage = nil
        updated.stageEnteredAt = nil
        try StageTracking.close(lead, m)
        try Approvals.withdrawPending(leadID: lead.id, m)
        try m.notify(assignee.login, kind: "assignment", leadID: lead.id,
                     body: "\(actor.login) assigned \(lead.number) \(lead.details.customer ?? "") to you; confirm or object",
                     parameters: [actor.login, lead.number.description, lead.details.customer ?? ""])
        var assigned = try m.update(lead, to: updated, action: .assign, also: ["assigned_at": m.now.storage])
        if let stage = lead.stage { assigned = try context.publish(.leftStage(stage), on: assigned, m) }
        return try context.publish(.handedTo(assignee.login), on: assigned, m)
    }

    /// The assignee confirms receipt (确认接收): the lead becomes active in the first stage.
    @discardableResult
    public func confirm(_ number: String) throws -> Lead {
        try context.mutate(as: actor) { m in
            let lead = try LeadLookup.require(m.db, number, for: .confirm, by: actor)
            var updated = lead
            updated.status = try LeadLifecycle.next(after: .confirm, from: lead.status)
            try enterFirstStage(&updated, m)
            let confirmed = try m.update(lead, to: updated, action: .confirm)
            return try firedStageEntered(confirmed, m)
        }
    }

    /// The assignee objects (异议) with a reason: the lead goes back to screening and whoever
    /// assigned it is told. Past `object_within` of the assignment (seed 004) the objection is a
    /// request for the supervisor instead, and the lead is returned unchanged
    /// (``objectOrAsk(_:reason:)`` says which happened).
    @discardableResult
    public func object(_ number: String, reason: String) throws -> Lead {
        switch try objectOrAsk(number, reason: reason) {
        case let .objected(lead): lead
        case .approvalRequested: try lead(number)
        }
    }

    /// The old name of ``ObjectionOutcome``, for callers of the service.
    public typealias ObjectionOutcome = ClewServices.ObjectionOutcome

    /// ``object(_:reason:)``, saying whether the objection was taken or went to the supervisor.
    public func objectOrAsk(_ number: String, reason: String) throws -> ObjectionOutcome {
        let reason = try Self.requireReason(reason, for: .objection)
        return try context.mutate(as: actor) { m in
            let lead = try LeadLookup.require(m.db, number, for: .object, by: actor)
            _ = try LeadLifecycle.next(after: .object, from: lead.status)
            if let late = try lateObjection(lead, reason: reason, m) { return late }
            return .objected(try objectNow(lead, reason: reason, m))
        }
    }

    /// Returns `lead` to screening for the objection `reason` (the assignee's own, or approved).
    func objectNow(_ lead: Lead, reason: String, _ m: Mutation) throws -> Lead {
        var updated = lead
        updated.status = try LeadLifecycle.next(after: .object, from: lead.status)
        updated.owner = nil
        try Approvals.withdrawPending(leadID: lead.id, except: try Int64.fetchOne(
            m.db, sql: "SELECT id FROM approval WHERE lead_id = ? AND status = 'pending' AND kind = 'objection'", arguments: [lead.id]), m)
        _ = try Notes.insert(lead.id, kind: .objection, body: reason, m)
        let assigner = try String.fetchOne(
            m.db, sql: "SELECT actor FROM audit WHERE entity = 'lead' AND entity_id = ? AND action = 'assign' ORDER BY id DESC LIMIT 1",
            arguments: [lead.id])
        try m.notify(assigner ?? actor.profile.supervisor, kind: "objection", leadID: lead.id,
                     body: "\(actor.login) objected to \(lead.number): \(reason)", parameters: [actor.login, lead.number.description, reason])
        try m.audit("object-reason", entity: "lead", id: lead.id, field: "objection", new: reason)
        return try context.publish(.objected, on: try m.update(lead, to: updated, action: .object), m)
    }

    /// Past `object_within` of the assignment, the assignee's objection becomes a request for
    /// the supervisor (nil: in time, or the actor is not the assignee's to ask).
    private func lateObjection(_ lead: Lead, reason: String, _ m: Mutation) throws -> ObjectionOutcome? {
        let rules = context.process.screening
        guard let assignedAt = try Double.fetchOne(m.db, sql: "SELECT assigned_at FROM lead WHERE id = ?", arguments: [lead.id]).map(Date.init(storage:)),
              !rules.acceptsObjection(assignedAt: assignedAt, at: m.now, calendar: context.calendar) else { return nil }
        let approver = try owningSupervisor(of: lead, m.db) ?? Approvals.anyAdmin(m.db)
        let id = try Approvals.requestObjection(lead, approver: approver, reason: reason, late: rules.objectWithin, m)
        return .approvalRequested(id: id, approver: approver, within: rules.objectWithin)
    }

    /// A rep (or supervisor) takes a pooled lead (领取); it becomes theirs and active.
    @discardableResult
    public func claim(_ number: String) throws -> Lead {
        try context.mutate(as: actor) { m in try claim(number, m) }
    }

    /// Claims several pooled leads in one transaction: all of them, or none when one is refused
    /// (the daily limit counts each claim of the batch).
    @discardableResult
    public func claim(_ numbers: [String]) throws -> [Lead] {
        try context.mutate(as: actor) { m in try numbers.map { try claim($0, m) } }
    }

    private func claim(_ number: String, _ m: Mutation) throws -> Lead {
        // The lifecycle reason ("only a lead in a pool can be claimed") explains more than
        // the permission one, so it is checked first for a lead the actor can see.
        let visible = try LeadLookup.require(m.db, number, for: .read, by: actor)
        _ = try LeadLifecycle.next(after: .claim, from: visible.status)
        let lead = try LeadLookup.require(m.db, number, for: .claim, by: actor)
        var updated = lead
        updated.status = try LeadLifecycle.next(after: .claim, from: lead.status)
        _ = try Assignability.check(actor.login, m)
        let pool = lead.pool ?? PoolDefinition.general
        try checkClaimLimit(pool: pool, m)
        updated.owner = actor.login
        updated.pool = nil
        try enterFirstStage(&updated, m)
        try RuleFirings.record(PoolDefinition.claimRule(pool), kind: .pool, leadID: lead.id, subject: PoolDefinition.claimSubject(actor.login),
                               occurrence: "lead:\(lead.id)@\(m.now.storage)", action: "claim", outcome: .claimed(by: actor.login), m.automated)
        let claimed = try m.update(lead, to: updated, action: .claim, also: ["assigned_at": m.now.storage, "home_pool": pool])
        return try firedStageEntered(try context.publish(.handedTo(actor.login), on: claimed, m), m)
    }

    /// Refuses a claim past the pool's per-day limit for the actor.
    private func checkClaimLimit(pool: String, _ m: Mutation) throws {
        guard let limit = context.process.pools.first(where: { $0.name == pool })?.dailyClaimLimit else { return }
        let claimed = try SQLiteFirings(db: m.db, mutation: m).claims(from: pool, by: actor.login, since: m.now.startOfDay(in: context.calendar.timeZone))
        guard claimed < limit else {
            throw LeadError.claimLimitReached(pool: pool, claimed: claimed)
        }
    }

    /// The owner returns a lead to its pool (退回) with a reason: the pool it came from, else the
    /// process pool gathering its region or industry, else its region, industry or `general`.
    @discardableResult
    public func returnToPool(_ number: String, reason: String) throws -> Lead {
        let reason = try Self.requireReason(reason, for: .returning)
        return try context.mutate(as: actor) { m in
            let lead = try LeadLookup.require(m.db, number, for: .returnToPool, by: actor)
            return try returnNow(lead, reason: reason, m)
        }
    }

    /// Returns `lead` to its pool; the recycling tick uses this too.
    package func returnNow(_ lead: Lead, reason: String, _ m: Mutation) throws -> Lead {
        var updated = lead
        updated.status = try LeadLifecycle.next(after: .returnToPool, from: lead.status)
        updated.owner = nil
        updated.pool = try homePool(of: lead, m.db)
        try StageTracking.close(lead, m)
        updated.stage = nil
        updated.stageEnteredAt = nil
        updated.flags.remove(.stalled)
        try Tasks.cancelOpen(leadID: lead.id, m)
        try Approvals.withdrawPending(leadID: lead.id, m)
        _ = try Notes.insert(lead.id, kind: .`return`, body: reason, m)
        try m.audit("return-reason", entity: "lead", id: lead.id, field: "return_reason", new: reason)
        let returned = try m.update(lead, to: updated, action: .`return`)
        if let stage = lead.stage { return try context.publish(.leftStage(stage), on: returned, m) }
        return returned
    }

    /// The pool a lead returns to.
    func homePool(of lead: Lead, _ db: Database) throws -> String {
        if let home = try String.fetchOne(db, sql: "SELECT home_pool FROM lead WHERE id = ?", arguments: [lead.id]) { return home }
        if let pool = context.process.pools.first(where: { $0.gathers(region: lead.details.region, industry: lead.details.industry) }) {
            return pool.name
        }
        return lead.details.region ?? lead.details.industry ?? PoolDefinition.general
    }

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
                try m.audit("skip-approved", entity: "lead", id: lead.id, field: "skipped", new: stages.joined(separator: ","))
            }
            updated.amount = amount
            try StageTracking.close(lead, m)
            try Conversions.record(conversion, lead: lead, m)
            try Contracts.sign(for: lead, amount: amount, context: context, m)
            try Closing.settle(lead, .won, m)
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

    /// Closes the lead as lost (已终止) with a reason; its open tasks and cadence are cancelled
    /// with that reason and its alerts cleared.
    @discardableResult
    public func lose(_ number: String, reason: LostReason, expectedVersion: Int? = nil) throws -> Lead {
        try context.mutate(as: actor) { m in
            let lead = try LeadLookup.require(m, number, for: .lose, expectedVersion: expectedVersion)
            var updated = lead
            updated.status = try LeadLifecycle.next(after: .lose, from: lead.status)
            updated.lostReason = reason
            try StageTracking.close(lead, m)
            try Conversions.closeLost(lead, m)
            try Closing.settle(lead, .lost(reason), m)
            try Contracts.cancel(for: lead, m)
            var lost = try m.update(lead, to: updated, action: .lose, also: ["closed_at": m.now.storage])
            if let stage = lead.stage { lost = try context.publish(.leftStage(stage), on: lost, m) }
            return try context.publish(.lost, on: lost, m)
        }
    }

    /// Brings a lost lead back to screening.
    @discardableResult
    public func reopen(_ number: String, reason: String) throws -> Lead {
        let reason = try Self.requireReason(reason, for: .reopening)
        return try context.mutate(as: actor) { m in
            let lead = try LeadLookup.require(m.db, number, for: .reopen, by: actor)
            var updated = lead
            updated.status = try LeadLifecycle.next(after: .reopen, from: lead.status)
            updated.lostReason = nil
            updated.owner = nil
            updated.stage = nil
            updated.stageEnteredAt = nil
            _ = try Notes.insert(lead.id, kind: .reopen, body: reason, m)
            return try m.update(lead, to: updated, action: .reopen)
        }
    }

    // MARK: - Helpers

    func enterFirstStage(_ lead: inout Lead, _ m: Mutation) throws {
        guard let first = context.pipeline.firstStage else { return }
        lead.stage = first.key
        lead.stageEnteredAt = m.now
        try StageTracking.open(lead.id, stage: first.key, context: context, m)
    }

    /// Fires `stage-entered` for the stage `lead` is now in.
    func firedStageEntered(_ lead: Lead, _ m: Mutation, depth: Int = 0) throws -> Lead {
        guard let stage = lead.stage else { return lead }
        return try context.publish(.enteredStage(stage), on: lead, depth: depth, m)
    }

    /// Whether the actor approves a stage skip on `lead` by making it: an admin, the owner's
    /// supervisor or someone the owner reports to further up (a director), or any supervisor
    /// when the owner has none.
    func approvesSkips(of lead: Lead, _ db: Database) throws -> Bool {
        let supervisor = try owningSupervisor(of: lead, db)
        let above = actor.role == .supervisor && lead.owner.map(actor.team.contains) == true
        return actor.role == .admin || actor.login == supervisor || above || (actor.role == .supervisor && supervisor == nil)
    }

    func owningSupervisor(of lead: Lead, _ db: Database) throws -> String? {
        guard let owner = lead.owner else { return nil }
        return try UserDirectory.profile(db, login: owner)?.supervisor
    }

    static func requireReason(_ text: String, for purpose: ReasonPurpose) throws -> String {
        try Reasons.require(text, for: purpose)
    }
}

/// Who can take on a lead right now.
package enum Assignability {
    /// The user `login`, if they can be given another lead: active, not away, a rep or
    /// supervisor, and under capacity.
    package static func check(_ login: String, _ m: Mutation) throws -> UserProfile {
        let user = try UserDirectory.requireActive(m.db, login: login)
        guard user.role == .rep || user.role == .supervisor else {
            throw LeadError.cannotOwnLeads(login: login, role: user.role)
        }
        if let away = user.awayUntil, away > m.now {
            throw LeadError.away(rep: login, until: away)
        }
        let load = try BoardTally.openLeads(m.db, owner: login)
        guard load < user.capacity else {
            throw LeadError.atCapacity(rep: login, load: load, capacity: user.capacity)
        }
        return user
    }
}
