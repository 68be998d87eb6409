import ClewDomain
import Foundation

/// A value a store keeps with a lead outside ``ClewDomain/Lead``, written in the same versioned
/// update as the lead (``LeadRepository/update(_:to:as:storing:)``).
///
/// Each is silent: its change has no audit row of its own, the update that sets it is audited.
/// The cases grow as the use cases that set the others (`assigned_at`, `home_pool`, the close
/// and conversion times, the previous lead) move over the ports.
public enum LeadSideValue: Hashable, Sendable {
    /// The score's breakdown, as ``ClewDomain/LeadScore/storedParts`` writes it (shown by
    /// ``ClewDomain/ScoringModel/shownScore(of:storedParts:)``).
    case scoreParts(String?)
    /// The won or lost lead this one follows (a repeat purchase, a lead coming back), by id;
    /// the lead's ``ClewDomain/Lead/previousLead`` names it by number.
    case previousLead(Int64?)
}
