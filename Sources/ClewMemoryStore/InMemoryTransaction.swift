import ClewDomain
import ClewServices
import Foundation

/// One transaction of ``InMemoryStore``: a read one has no actor and refuses writes.
struct InMemoryTransaction: StoreTransaction {
    let state: StateBox
    let actor: ActingUser?
    let now: Date

    var leads: any LeadRepository { InMemoryLeads(transaction: self) }
    var tasks: any TaskRepository { InMemoryTasks(transaction: self) }
    var users: any UserRepository { InMemoryUsers(state: state) }
    var notifications: any NotificationRepository { InMemoryNotifications(transaction: self) }
    var approvals: any ApprovalRepository { InMemoryApprovals(transaction: self) }
    var tags: any TagRepository { InMemoryTags(transaction: self) }
    var followUps: any FollowUpRepository { InMemoryFollowUps(transaction: self) }
    var deals: any DealRepository { InMemoryDeals(transaction: self) }
    var firings: any FiringLog { InMemoryFirings(transaction: self) }
    var rules: ProcessRules { state.state.rules }

    func notify(_ recipient: String, kind: String, text: String?, leadID: Int64?, body: String, parameters: [String]) throws {
        let actor = writer()
        guard recipient != actor.login else { return }
        state.state.lastNotificationID += 1
        state.state.notifications.append(InMemoryStore.Notification(id: state.state.lastNotificationID, recipient: recipient, kind: kind,
                                                                    text: text, leadID: leadID, actor: actor.login, body: body,
                                                                    parameters: parameters, at: now))
    }

    var automated: any StoreTransaction {
        let actor = writer()
        guard !actor.isAutomation else { return self }
        return InMemoryTransaction(state: state, actor: .automation(via: actor.impersonator ?? actor.login), now: now)
    }

    func publish(_ event: DomainEvent, on lead: Lead) throws -> Lead {
        _ = writer()
        state.state.events.append(InMemoryStore.PublishedEvent(event: event, leadID: lead.id))
        return lead
    }

    func history(of entity: String) throws -> [AuditEntry] {
        state.state.audit.filter { $0.entity == entity }
    }

    /// The acting user of a write; a write in a read transaction is a programming error.
    func writer() -> ActingUser {
        guard let actor else { preconditionFailure("a write in a read transaction") }
        return actor
    }

    /// Appends one audit row, as the SQLite store's `Mutation.audit` writes it.
    func audit(_ action: String, entity: String, id: Int64, field: String? = nil, old: String? = nil, new: String? = nil,
               version: Int? = nil) {
        let actor = writer()
        state.state.lastAuditID += 1
        if let version { state.state.auditVersions[state.state.lastAuditID] = version }
        state.state.audit.append(AuditEntry(id: state.state.lastAuditID, at: now, actor: actor.login, via: actor.impersonator,
                                            action: action, entity: entity, entityID: id, field: field, old: old, new: new))
    }
}

/// ``ClewServices/LeadRepository`` in memory (its writes in `InMemoryLeads+Writes.swift`).
struct InMemoryLeads: LeadRepository {
    let transaction: InMemoryTransaction

    var state: StateBox { transaction.state }

    func lead(number: LeadNumber) throws -> Lead? { state.state.leadIDs[number].flatMap { state.state.leads[$0] } }
    func lead(id: Int64) throws -> Lead? { state.state.leads[id] }

    func awaitingConfirmation(owner: String, limit: Int) throws -> [Lead] {
        Array(state.state.leads.values.filter { $0.owner == owner && $0.status == .assigned }
            .sorted { ($0.statusChangedAt, $0.id) < ($1.statusChangedAt, $1.id) }.prefix(max(limit, 0)))
    }
}

/// ``ClewServices/UserRepository`` in memory.
struct InMemoryUsers: UserRepository {
    let state: StateBox

    func profile(login: String) throws -> UserProfile? { state.state.users[login] }
    func logins() throws -> [String] { state.state.users.keys.sorted() }

    func active(in roles: Set<Role>) throws -> [UserProfile] {
        state.state.users.values.filter { $0.isActive && roles.contains($0.role) }.sorted { $0.login < $1.login }
    }

    func workload(of login: String) throws -> Int {
        state.state.leads.values.filter { $0.owner == login && ($0.status == .assigned || $0.status == .active) }.count
    }

    func workloads() throws -> [AssignmentSuggestion.Candidate] {
        var load: [String: Int] = [:]
        for lead in state.state.leads.values where lead.status == .assigned || lead.status == .active {
            if let owner = lead.owner { load[owner, default: 0] += 1 }
        }
        return state.state.users.values.filter { $0.role == .rep && $0.isActive }
            .map { AssignmentSuggestion.Candidate(profile: $0, openLeads: load[$0.login] ?? 0) }
    }
}
