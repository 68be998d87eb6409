/// Something that happened to a lead in a service's change, published in that change's
/// transaction for the automation layer to act on (triggers, cadences, routing, keyword tags).
///
/// Services publish events; they never call the automation by name. What each event sets off
/// is the automation's business (``TriggerEvent`` names the ones process files listen for).
public enum DomainEvent: Hashable, Sendable {
    /// The lead is in screening with complete details: route it.
    case readyForRouting
    /// A supervisor (or a rule) graded or regraded it.
    case graded
    /// Its suggested grade changed while it has no grade of its own (its cadence follows the
    /// suggestion).
    case suggestionChanged
    /// It was given to a rep (assigned or claimed) and its old stage, if any, left.
    case handedTo(String)
    /// The assignee objected: it went back to screening.
    case objected
    /// It entered a pipeline stage.
    case enteredStage(String)
    /// It left a pipeline stage.
    case leftStage(String)
    /// The contract was signed (entering the contract stage, or a win that skipped it).
    case contractSigned
    /// The deal was won.
    case won
    /// The lead was lost.
    case lost
    /// A follow-up was logged (by `method`, saying `text`).
    case followedUp(method: FollowUpMethod, text: String)
    /// A task on it was completed.
    case taskCompleted(Int64)
}
