import ClewDomain
import Foundation

/// A lead found by search, with where the text matched.
public struct SearchHit: Sendable {
    public enum Place: String, Sendable, Codable {
        /// The lead's own fields (customer, contact, need, region, …).
        case lead
        /// One of its follow-up notes.
        case followUp
    }

    public var lead: Lead
    public var matchedIn: Place
    /// The text around the match: the follow-up that matched, or the lead's field.
    public var excerpt: String?
    /// The key of the field that matched (`customer`, `need`, `phone`, …; `follow-up` for a note).
    public var field: String?

    public init(lead: Lead, matchedIn: Place, excerpt: String? = nil, field: String? = nil) {
        self.lead = lead
        self.matchedIn = matchedIn
        self.excerpt = excerpt
        self.field = field
    }
}
