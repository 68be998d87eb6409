import ClewDomain
import Foundation

/// The manual tags of a transaction: each a record of who put a tag on a lead and when (and
/// who took it off), versioned and audited as entity `lead_tag` — `tag` when put on (naming the
/// tag; its changed fields when put back on), `untag` when taken off. The lead's own tag set,
/// which lists and rules read, is written beside it with the lead
/// (``LeadRepository/update(_:to:as:storing:)``).
public protocol TagRepository {
    /// The manual tags on lead `id` now, with who put each on and when, in no particular order.
    func manual(onLead id: Int64) throws -> [LeadTag]
    /// Puts manual tag `name` on lead `id`, by the actor, now: a new record, or the lead's
    /// earlier record of the tag put back on.
    func put(_ name: String, onLead id: Int64) throws
    /// Records that the actor took manual tag `name` off lead `id`, now; nothing when the lead
    /// has no record of it on (a keyword tag the automation found).
    func takeOff(_ name: String, onLead id: Int64) throws
}
