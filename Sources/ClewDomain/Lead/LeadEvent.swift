/// Something that happens to a lead and may change its ``LeadStatus``.
public enum LeadEvent: String, CaseIterable, Codable, Sendable, CustomStringConvertible {
    /// The required details were entered and validated.
    case completeDetails
    /// A supervisor gave the lead to a rep (also a reassignment).
    case assign
    /// The assignee confirmed receipt.
    case confirm
    /// The assignee objected, with a reason; the lead goes back to screening.
    case object
    /// A rep took a pooled lead for themselves.
    case claim
    /// The owner gave the lead back to its pool, with a reason.
    case returnToPool
    /// A supervisor put an unassigned lead into a pool.
    case sendToPool
    /// The deal was signed.
    case win
    /// The lead was closed with a lost reason.
    case lose
    /// A lost lead was brought back for screening.
    case reopen
    /// The lead was merged into another one.
    case merge

    public var description: String { verb }

    /// The verb used in messages ("cannot *confirm* a lead in screening").
    public var verb: String {
        switch self {
        case .completeDetails: "complete the details of"
        case .assign: "assign"
        case .confirm: "confirm"
        case .object: "object to"
        case .claim: "claim"
        case .returnToPool: "return"
        case .sendToPool: "send to a pool"
        case .win: "win"
        case .lose: "lose"
        case .reopen: "reopen"
        case .merge: "merge"
        }
    }
}
