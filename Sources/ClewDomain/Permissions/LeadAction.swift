/// Something a user can do to a lead; checked by ``AccessPolicy``.
public enum LeadAction: String, CaseIterable, Sendable, CustomStringConvertible {
    case read, edit, grade, assign, confirm, object, claim, returnToPool, sendToPool
    case move, followUp, convert, win, lose, reopen, merge, note, addTask, approve

    public var description: String {
        switch self {
        case .returnToPool: "return"
        case .sendToPool: "send to a pool"
        case .followUp: "log a follow-up on"
        case .addTask: "add a task to"
        case .note: "add a note to"
        default: rawValue
        }
    }
}

/// A capability that is not about one lead.
public enum Capability: String, CaseIterable, Sendable, CustomStringConvertible {
    /// `user add`, `user deactivate`.
    case manageUsers
    /// `lead add`, `import`.
    case registerLeads
    /// `seed`, `backup`, `doctor`, `--as`.
    case administer
    /// See the screening queue and suggestions.
    case screen

    public var description: String {
        switch self {
        case .manageUsers: "manage users"
        case .registerLeads: "register leads"
        case .administer: "administer the database"
        case .screen: "screen leads"
        }
    }
}
