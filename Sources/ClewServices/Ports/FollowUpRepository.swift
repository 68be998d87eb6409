import ClewDomain
import Foundation

/// The follow-ups (跟进记录) of a transaction: append-only, each audited on its lead by the use
/// case that logs it (``LeadChange/followUp``).
public protocol FollowUpRepository {
    /// Stores validated follow-up `followUp` on lead `id`, logged by the actor now while the lead
    /// is in `stage`; returns its id. A store keeping summaries of assignments (the SLA report)
    /// counts it as the assignment's first follow-up when it is.
    func insert(_ followUp: FollowUpDraft, onLead id: Int64, inStage stage: String?) throws -> Int64
    /// Whether a follow-up was logged on lead `id` in `stage` at or after `since`: the stage is
    /// then done, and the lead may move on.
    func anyLogged(onLead id: Int64, inStage stage: String, since: Date) throws -> Bool
}
