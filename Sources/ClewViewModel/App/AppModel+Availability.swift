import ClewDomain
import ClewServices

// MARK: - What the reader can do now

extension AppModel {
    /// The permission an action needs on the focused lead, for the actions that act on one.
    static func leadPermission(for action: String) -> LeadAction? {
        switch action {
        case "move-forward", "move-back", "skip-stage": .move
        case "log-follow-up": .followUp
        case "add-task": .addTask
        case "grade": .grade
        case "assign": .assign
        case "win": .win
        case "convert": .convert
        case "tag": .edit
        case "lose": .lose
        case "return-to-pool": .returnToPool
        case "claim": .claim
        case "add-note": .note
        case "confirm": .confirm
        case "object": .object
        case "edit-lead": .edit
        default: nil
        }
    }

    /// Why `action` cannot run now (lazygit's `GetDisabledReason`), in the interface language;
    /// `nil` when it can. Checked before anything is asked or opened, so a refused key says why
    /// at once; the key bar leaves out what has a reason.
    public func disabledReason(for action: String) -> String? {
        if let reason = receivablesDisabledReason(action) { return reason }
        if let capability = Self.capability(for: action), !AccessPolicy.has(capability, services.actor) {
            return localizer("disabled.role", localizer.role(services.actor.role))
        }
        guard let permission = Self.leadPermission(for: action), overlay == nil else { return nil }
        guard let lead = focusedLead else { return localizer("msg.no-lead") }
        let facts = LeadAccessFacts(status: lead.status, owner: lead.owner, createdBy: lead.createdBy, pool: lead.pool)
        guard AccessPolicy.allows(permission, on: facts, by: services.actor) else {
            if !roleCanEver(permission) { return localizer("disabled.role", localizer.role(services.actor.role)) }
            switch permission {
            case .confirm, .object: return localizer("disabled.not-assignee", lead.number)
            case .claim: return localizer("disabled.not-pooled", lead.number)
            default: return localizer("disabled.not-yours", lead.number, lead.owner ?? "—")
            }
        }
        if permission == .move, lead.status != .active {
            return localizer("msg.not-active", lead.number, localizer.status(lead.status))
        }
        return nil
    }

    /// Whether the reader's role may do `action` to some lead (for the help screen, which lists
    /// what the role can do at all).
    public func roleAllows(_ action: String) -> Bool {
        if receivablesDisabledReason(action) != nil { return false }
        if let capability = Self.capability(for: action), !AccessPolicy.has(capability, services.actor) { return false }
        guard let permission = Self.leadPermission(for: action) else { return true }
        return roleCanEver(permission)
    }

    private static func capability(for action: String) -> Capability? {
        switch action {
        case "new-lead": .registerLeads
        case "show-screening", "assign-suggested", "bulk-assign", "select-all": .screen
        default: nil
        }
    }

    /// Whether any lead the reader could meet lets them do `permission` (their own, an unowned
    /// one they registered, a pooled one, another's).
    private func roleCanEver(_ permission: LeadAction) -> Bool {
        let me = services.actor.login
        let samples = [
            LeadAccessFacts(status: .active, owner: me, createdBy: me),
            LeadAccessFacts(status: .assigned, owner: me, createdBy: "someone"),
            LeadAccessFacts(status: .screening, owner: nil, createdBy: me),
            LeadAccessFacts(status: .pooled, owner: nil, createdBy: "someone", pool: services.actor.pools.sorted().first),
            LeadAccessFacts(status: .active, owner: "someone", createdBy: "someone"),
        ]
        return samples.contains { AccessPolicy.allows(permission, on: $0, by: services.actor) }
    }
}
