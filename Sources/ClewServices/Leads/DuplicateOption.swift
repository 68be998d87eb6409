import ClewDomain
import Foundation

/// What the registrant asks for when a new lead matches an open lead they can see
/// (``ClewDomain/DuplicatePolicy`` decides everything else).
public enum DuplicateOption: Sendable, Equatable {
    /// Refuse with ``DuplicateLeadError``.
    case refuse
    /// Register it anyway, flagged `possible-duplicate`.
    case allow
    /// Add its details to the existing lead instead (`--merge-into NUMBER`).
    case mergeInto(String)
}
