import ClewDomain
import Foundation

/// A value a store keeps with a lead outside ``ClewDomain/Lead``, written in the same versioned
/// update as the lead (``LeadRepository/update(_:to:as:storing:)``).
///
/// Each is silent — its change has no audit row of its own, the update that sets it is audited —
/// except ``homePool(_:)``, ``convertedAt(_:)`` and ``mergedInto(_:)``, whose changes are audited
/// as the fields `home_pool`, `converted_at` and `merged_into`.
/// The cases grow as the use cases that set the others (the close and conversion times) move
/// over the ports; ``LeadRepository/assignment(ofLead:)`` reads the hand-over's two back.
public enum LeadSideValue: Hashable, Sendable {
    /// The score's breakdown, as ``ClewDomain/LeadScore/storedParts`` writes it (shown by
    /// ``ClewDomain/ScoringModel/shownScore(of:storedParts:)``).
    case scoreParts(String?)
    /// The won or lost lead this one follows (a repeat purchase, a lead coming back), by id;
    /// the lead's ``ClewDomain/Lead/previousLead`` names it by number.
    case previousLead(Int64?)
    /// When the lead was handed to its current owner (assigned, routed or claimed): what the
    /// objection window and the assignment's SLA count from.
    case assignedAt(Date?)
    /// When the lead was won or lost (what reports count closings by).
    case closedAt(Date?)
    /// The lead this one was merged into (its survivor), by id: set once, on the update that
    /// makes it a tombstone, and audited as `merged_into`; ``ClewDomain/Lead/mergedInto`` names
    /// it by number.
    case mergedInto(Int64)
    /// When the lead was first converted into a customer (转换线索), audited as `converted_at`.
    case convertedAt(Date?)
    /// The pool the lead returns to when its owner gives it back or the recycling timer takes it
    /// (the pool it was claimed from or routed through).
    case homePool(String?)
}
