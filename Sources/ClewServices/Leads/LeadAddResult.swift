import ClewDomain
import Foundation

/// What registering a lead did (``LeadUseCases/add(_:duplicates:language:capturedAt:)``).
public struct LeadAddResult: Sendable {
    /// The new lead, or the existing lead the details were merged into.
    public var lead: Lead
    /// True when the details went into an existing lead.
    public var merged: Bool

    /// A value with each of its fields given.
    public init(lead: Lead, merged: Bool) {
        self.lead = lead
        self.merged = merged
    }
}
