import ClewDomain
import Foundation

/// What happened to a lead, as its audit rows name it (`audit.action`): the closed set of
/// changes a lead goes through — a versioned update (``LeadRepository/update(_:to:as:storing:)``)
/// or a fact recorded beside one (``LeadRepository/record(_:field:value:onLead:)``) — so no
/// caller of the ports spells one by hand (the store's own rows for changes not yet over the
/// ports join it as their use cases move).
///
/// Rows already written keep their text; a reader meeting a name it does not know (a newer
/// Clew's) shows it as written, which is why ``AuditEntry/action`` stays text.
public enum LeadChange: String, CaseIterable, Hashable, Sendable {
    /// Registered (its number), and when it was captured if that was earlier.
    case create
    /// Details edited (fields set or cleared).
    case edit
    /// Score and suggested grade recomputed after a behaviour event.
    case rescore
    /// Graded A/B/C in screening (or regraded).
    case grade
    /// Assigned to a rep by a supervisor.
    case assign
    /// Assigned by a routing rule.
    case route
    /// Put into a pool (by routing or the recycling timer).
    case pool
    /// Claimed from a pool by a rep.
    case claim
    /// Assignment confirmed by the rep: the lead enters the pipeline.
    case confirm
    /// Objected to by the rep it was assigned to.
    case object
    /// Returned to its pool by its owner.
    case `return`
    /// Moved to another stage.
    case move
    /// A follow-up logged (the lead's last follow-up time and stage clock).
    case followUp = "follow-up"
    /// Won, with its amount.
    case win
    /// Lost, with its reason.
    case lose
    /// Converted into a customer (contact, opportunity).
    case convert
    /// Merged into another lead, or absorbing one.
    case merge
    /// Reopened after a close.
    case reopen
    /// Handed over to another rep when its owner left.
    case handover
    /// Its won amount corrected by an admin.
    case correctAmount = "correct-amount"
    /// Marked stalled by the automation (no follow-up for too long).
    case stalled
    /// A tag added.
    case tag
    /// A tag removed.
    case untag
    /// Registered as a repeat purchase of a won customer's lead.
    case repeatPurchase = "repeat-purchase"
    /// Registered as coming back after a lost lead.
    case returningLead = "returning-lead"
    /// The reason a grade was given (筛选理由), beside the ``grade`` update.
    case gradeReason = "grade-reason"
    /// A behaviour event recorded (the row names it).
    case event
    /// A free note added (the row names the note).
    case note
    /// A registration refused as a duplicate of this lead, which the registrant may not see.
    case duplicateRefused = "duplicate-refused"
    /// Details of another registration or lead merged in (the row names where from).
    case mergeDetails = "merge-details"
    /// The reason an assignee objected (异议), beside the ``object`` update.
    case objectReason = "object-reason"
    /// The reason a lead was returned to its pool (退回), beside the ``return`` update.
    case returnReason = "return-reason"
    /// The alerts about a closed lead cleared from the inboxes (the row says how many and why).
    case clearAlerts = "clear-alerts"
    /// A stage skip the actor approved by making it (the row names the stages skipped).
    case skipApproved = "skip-approved"
    /// Entering the contract stage approved by the actor making the move (the row names the level).
    case contractApproved = "contract-approved"
    /// A merged lead's follow-ups, tasks or notes moved to the survivor (the row names the kind,
    /// the merged lead and how many).
    case mergeMove = "merge-move"
    /// Why an admin corrected a won amount, beside the ``correctAmount`` update (at its version).
    case correctAmountReason = "correct-amount-reason"
    /// A win's amount approved by the actor winning it (the row names the level and amount).
    case amountApproved = "amount-approved"
}
