/// Who may see and change what (DESIGN §8). Enforced by every service, whatever the front end.
///
/// - admin: everything.
/// - supervisor: their own and their team's leads, and every unowned lead (new, screening,
///   pooled), which they triage.
/// - rep: their own leads, leads in the pools they belong to, and unowned leads they registered.
/// - marketing: leads they registered.
/// - finance, support, legal: read all sales data; they write notes and tasks only.
///
/// ```swift
/// try AccessPolicy.check(.assign, on: facts, by: alice)   // throws for a rep
/// ```
public enum AccessPolicy {
    /// Whether `user` may see a lead.
    public static func canRead(_ lead: LeadAccessFacts, by user: ActingUser) -> Bool {
        switch user.role {
        case .admin, .finance, .support, .legal: return true
        case .supervisor: return lead.owner.map { isOwnOrTeam($0, user) } ?? true
        case .rep:
            if lead.owner == user.login { return true }
            if lead.status == .pooled, let pool = lead.pool, user.pools.contains(pool) { return true }
            return lead.owner == nil && lead.createdBy == user.login
        case .marketing: return lead.createdBy == user.login
        }
    }

    /// Whether `user`, who cannot see a lead otherwise, may do `action` to it because a colleague
    /// gave them a task on it (`clew task add --assignee`, seed 000's 跨部门协作): they read it
    /// (its details, history and tasks) and nothing more.
    public static func allowsAsTaskAssignee(_ action: LeadAction, hasTask: Bool) -> Bool {
        hasTask && action == .read
    }

    /// Whether `user` may do `action` to a lead they can see.
    public static func allows(_ action: LeadAction, on lead: LeadAccessFacts, by user: ActingUser) -> Bool {
        guard canRead(lead, by: user) else { return false }
        let isOwner = lead.owner == user.login
        switch (user.role, action) {
        case (_, .read): return true
        // Only the assignee answers an assignment (an admin does it with --as).
        case (_, .confirm), (_, .object): return isOwner
        case (.admin, _): return true
        case (.supervisor, .claim): return lead.status == .pooled
        case (.supervisor, _): return true
        case (.rep, .claim): return lead.status == .pooled
        case (.rep, .edit), (.rep, .note), (.rep, .addTask):
            return isOwner || (lead.owner == nil && lead.createdBy == user.login)
        case (.rep, .returnToPool), (.rep, .move), (.rep, .followUp), (.rep, .convert), (.rep, .win), (.rep, .lose):
            return isOwner
        case (.rep, _): return false
        case (.marketing, .edit): return lead.status == .new || lead.status == .screening
        case (.marketing, .note): return true
        case (.marketing, _): return false
        case (.finance, .note), (.finance, .addTask), (.support, .note), (.support, .addTask), (.legal, .note), (.legal, .addTask): return true
        case (.finance, _), (.support, _), (.legal, _): return false
        }
    }

    /// Whether `user` has a capability that is not about one lead.
    public static func has(_ capability: Capability, _ user: ActingUser) -> Bool {
        switch capability {
        case .manageUsers, .administer: user.role == .admin
        case .registerLeads: [.admin, .supervisor, .rep, .marketing].contains(user.role)
        case .screen: user.role == .admin || user.role == .supervisor
        }
    }

    /// Throws unless `user` may do `action` to the lead `number`.
    public static func check(_ action: LeadAction, on lead: LeadAccessFacts, number: String, by user: ActingUser) throws(PermissionError) {
        guard canRead(lead, by: user) else { throw .notVisible(number) }
        guard allows(action, on: lead, by: user) else {
            throw .denied(action: action, number: number, login: user.login, role: user.role, owner: lead.owner)
        }
    }

    /// Throws unless `user` has `capability`.
    public static func check(_ capability: Capability, _ user: ActingUser) throws(PermissionError) {
        guard has(capability, user) else { throw .lacks(capability, login: user.login, role: user.role) }
    }

    private static func isOwnOrTeam(_ owner: String, _ user: ActingUser) -> Bool {
        owner == user.login || user.team.contains(owner)
    }
}

/// Why a user was refused.
public enum PermissionError: UserFacingError, Equatable {
    /// The lead does not exist for this user (it may exist for others; we do not say).
    case notVisible(String)
    /// The user can see the lead but may not do this to it.
    case denied(action: LeadAction, number: String, login: String, role: Role, owner: String?)
    /// The user lacks a capability.
    case lacks(Capability, login: String, role: Role)
    /// `--as` was used by someone who is not an admin.
    case impersonationRefused(login: String)

    public var description: String {
        switch self {
        case let .notVisible(number):
            return "no lead \(number) that you can see"
        case let .denied(action, number, login, role, owner):
            let whose = owner.map { $0 == login ? "it is yours, but" : "it belongs to \($0) and" } ?? "it is unassigned and"
            return "\(login) (\(role)) cannot \(action) \(number): \(whose) \(Self.hint(action, role))"
        case let .lacks(capability, login, role):
            return "\(login) (\(role)) cannot \(capability); ask an admin"
        case let .impersonationRefused(login):
            return "only an admin can act as another user (--as); \(login) is not an admin"
        }
    }

    private static func hint(_ action: LeadAction, _ role: Role) -> String {
        switch action {
        case .confirm, .object: return "only its assignee can answer an assignment"
        case .grade, .assign, .merge, .sendToPool, .reopen, .approve: return "this is for supervisors"
        default: return role == .rep ? "reps work only their own leads" : "your role cannot do this"
        }
    }
}
