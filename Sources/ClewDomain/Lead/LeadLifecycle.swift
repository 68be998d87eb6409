/// The lead state machine of DESIGN §3: every legal transition, and a specific error for each
/// illegal one.
///
/// ```swift
/// try LeadLifecycle.next(after: .confirm, from: .assigned)   // .active
/// try LeadLifecycle.next(after: .confirm, from: .screening)  // throws illegalTransition
/// ```
public enum LeadLifecycle {
    /// The legal transitions: for each event, the statuses it may start from and where it leads.
    public static let transitions: [LeadEvent: (from: Set<LeadStatus>, to: LeadStatus)] = [
        .completeDetails: ([.new], .screening),
        .assign: ([.screening, .pooled, .assigned, .active], .assigned),
        .confirm: ([.assigned], .active),
        .object: ([.assigned], .screening),
        .claim: ([.pooled], .active),
        .returnToPool: ([.assigned, .active], .pooled),
        .sendToPool: ([.new, .screening], .pooled),
        .win: ([.active], .won),
        .lose: ([.new, .screening, .assigned, .active, .pooled], .lost),
        .reopen: ([.lost], .screening),
        .merge: ([.new, .screening, .assigned, .active, .pooled, .lost], .merged),
    ]

    /// The status a lead in `status` reaches when `event` happens.
    /// - Throws: ``LifecycleError/illegalTransition(event:from:)`` when the event is not allowed there.
    public static func next(after event: LeadEvent, from status: LeadStatus) throws(LifecycleError) -> LeadStatus {
        guard let rule = transitions[event], rule.from.contains(status) else {
            throw .illegalTransition(event: event, from: status)
        }
        return rule.to
    }

    /// Whether `event` may happen to a lead in `status`.
    public static func allows(_ event: LeadEvent, from status: LeadStatus) -> Bool {
        transitions[event]?.from.contains(status) ?? false
    }

    /// The events a lead in `status` can take, in declaration order.
    public static func events(from status: LeadStatus) -> [LeadEvent] {
        LeadEvent.allCases.filter { allows($0, from: status) }
    }
}

/// Why a lifecycle transition was refused.
public enum LifecycleError: UserFacingError, Equatable {
    /// `event` cannot happen to a lead in `from`.
    case illegalTransition(event: LeadEvent, from: LeadStatus)

    public var description: String {
        switch self {
        case let .illegalTransition(event, status):
            return "cannot \(event.verb) a lead in \(status): \(Self.reason(event, status))"
        }
    }

    private static func reason(_ event: LeadEvent, _ status: LeadStatus) -> String {
        switch status {
        case .won: return "it is already won"
        case .merged: return "it was merged into another lead"
        case .lost where event != .reopen: return "it is lost; reopen it first"
        default: break
        }
        switch event {
        case .completeDetails: return "only a new lead has details to complete"
        case .assign:
            return status == .new
                ? "complete its details (customer, contact, phone or email, industry, need, source) first"
                : "only leads in screening, in a pool, or already assigned can be assigned"
        case .confirm: return "only an assigned lead can be confirmed"
        case .object: return "only an assigned lead can be objected to"
        case .claim: return "only a lead in a pool can be claimed"
        case .returnToPool: return "only an assigned or active lead can be returned to its pool"
        case .sendToPool: return "only a new or screening lead can be sent to a pool"
        case .win:
            return status == .assigned
                ? "its owner has not confirmed the assignment yet"
                : "only an active lead (confirmed by its owner) can be won"
        case .lose: return "only an open lead can be lost"
        case .reopen: return "only a lost lead can be reopened"
        case .merge: return "this lead cannot be merged"
        }
    }
}
