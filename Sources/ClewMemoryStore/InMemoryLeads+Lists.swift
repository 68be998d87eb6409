import ClewDomain
import ClewServices
import Foundation

/// The lead lists of ``ClewServices/LeadRepository`` in memory: each keeps the leads
/// ``ClewDomain/LeadCriteria/matches(_:facts:)`` accepts — the decision the SQLite store's query
/// translates —, with the work facts (tasks, firings) its flags need, in the order the port names.
extension InMemoryLeads {
    private func selected(_ criteria: LeadCriteria) -> [Lead] {
        guard !criteria.flags.isEmpty else { return state.state.leads.values.filter(criteria.matches) }
        return state.state.leads.values.filter { criteria.matches($0, facts: facts(of: $0)) }
    }

    /// The facts ``ClewDomain/WorkFlag`` decides `overdue` and `escalated` from: the lead's open
    /// tasks' due times (not their snoozes, as the SQLite store reads `due_at`), and whether an
    /// escalation timer fired since its current assignment (its hand-over's time, else the last
    /// status change for a lead given to the store already owned).
    private func facts(of lead: Lead) -> WorkFacts {
        let dues = state.state.tasks.values.compactMap { $0.leadID == lead.id && $0.status == .open ? $0.dueAt : nil }
        let assignedAt = state.state.assignedAt[lead.id] ?? lead.statusChangedAt
        let rules = Set(WorkFlag.escalationRules.map(\.key))
        let escalated = state.state.firings.contains { $0.firing.leadID == lead.id && rules.contains($0.firing.rule) && $0.at >= assignedAt }
        return WorkFacts(currentAssignmentEscalated: escalated, openTaskDueDates: dues)
    }

    private func page(_ leads: [Lead], offset: Int, limit: Int) -> [Lead] {
        Array(leads.dropFirst(max(0, offset)).prefix(max(0, limit)))
    }

    private func longestWaitingFirst(_ leads: [Lead]) -> [Lead] {
        leads.sorted { ($0.statusChangedAt, $0.id) < ($1.statusChangedAt, $1.id) }
    }

    func count(_ criteria: LeadCriteria) throws -> Int { selected(criteria).count }

    func page(_ criteria: LeadCriteria, order: LeadOrder, offset: Int, limit: Int) throws -> [Lead] {
        let leads = selected(criteria)
        let sorted = switch order {
        case .longestInStatus: longestWaitingFirst(leads)
        case .latestInStatus: leads.sorted { $0.statusChangedAt != $1.statusChangedAt ? $0.statusChangedAt > $1.statusChangedAt : $0.id < $1.id }
        case .longestInStage: leads.sorted { ($0.stageEnteredAt ?? .distantPast, $0.id) < ($1.stageEnteredAt ?? .distantPast, $1.id) }
        }
        return page(sorted, offset: offset, limit: limit)
    }

    func totals(_ criteria: [LeadCriteria]) throws -> [LeadTotals] {
        criteria.map { c in
            let leads = selected(c)
            // Summed as Double, as the SQLite store's total() does, so no sum overflows.
            return LeadTotals(count: leads.count, amount: Money(totalFen: leads.reduce(0) { $0 + Double($1.amount?.fen ?? 0) }))
        }
    }

    func queueEntries(_ criteria: LeadCriteria, limit: Int) throws -> [ScreeningEntry] {
        page(longestWaitingFirst(selected(criteria)), offset: 0, limit: limit).map {
            ScreeningEntry(number: $0.number.description, customer: $0.details.customer, grade: $0.grade,
                           region: $0.details.region, industry: $0.details.industry)
        }
    }

    func storedScoreParts(of ids: [Int64]) throws -> [Int64: String] {
        var parts: [Int64: String] = [:]
        for id in ids { parts[id] = state.state.scoreParts[id] }
        return parts
    }

    func pooledCounts(_ criteria: LeadCriteria) throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for lead in selected(criteria) where lead.status == .pooled { counts[lead.pool ?? PoolDefinition.general, default: 0] += 1 }
        return counts
    }

    func pooled(in pool: String, _ criteria: LeadCriteria, offset: Int, limit: Int) throws -> [Lead] {
        let leads = selected(criteria).filter { $0.status == .pooled && ($0.pool ?? PoolDefinition.general) == pool }
            .sorted { ($0.statusChangedAt, $0.id) > ($1.statusChangedAt, $1.id) }
        return page(leads, offset: offset, limit: limit)
    }

    private func ownedFromPools(_ owner: String) -> [(lead: Lead, assignedAt: Date)] {
        state.state.leads.values.compactMap { lead in
            guard lead.owner == owner, lead.status == .assigned || lead.status == .active,
                  state.state.homePools[lead.id] != nil else { return nil }
            return (lead, state.state.assignedAt[lead.id] ?? .distantPast)
        }
    }

    func fromPools(owner: String, offset: Int, limit: Int) throws -> [Lead] {
        let leads = ownedFromPools(owner).sorted { ($0.assignedAt, $0.lead.id) > ($1.assignedAt, $1.lead.id) }.map(\.lead)
        return page(leads, offset: offset, limit: limit)
    }

    func fromPoolsCount(owner: String) throws -> Int { ownedFromPools(owner).count }
}

/// ``ClewServices/FiringLog`` in memory: one firing per rule, subject and occurrence.
struct InMemoryFirings: FiringLog {
    let transaction: InMemoryTransaction

    func record(_ firing: NewFiring, outcome: FiringOutcome) throws -> Bool {
        _ = transaction.writer()
        let state = transaction.state
        guard !state.state.firings.contains(where: {
            $0.firing.rule == firing.rule && $0.firing.subject == firing.subject && $0.firing.occurrence == firing.occurrence
        }) else { return false }
        state.state.firings.append(FiringRecord(id: Int64(state.state.firings.count + 1), firing: firing, outcome: outcome, at: transaction.now))
        return true
    }

    func count(rule: String, subject: String, since start: Date) throws -> Int {
        transaction.state.state.firings.filter { $0.firing.rule == rule && $0.firing.subject == subject && $0.at >= start }.count
    }
}
