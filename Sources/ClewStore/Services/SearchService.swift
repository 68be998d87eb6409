import ClewDomain
import Foundation
import GRDB

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
    /// The follow-up text that matched, when it was a follow-up.
    public var excerpt: String?
}

/// Full-text search over leads and follow-up notes, Chinese substrings included.
public struct SearchService: Sendable {
    let context: ClewContext
    public let actor: ActingUser

    public init(context: ClewContext, actor: ActingUser) {
        self.context = context
        self.actor = actor
    }

    /// Leads the actor may see whose fields or follow-ups match `text`, newest first.
    public func search(_ text: String, limit: Int = 50) throws -> [SearchHit] {
        // A query that is a phone number searches its matching form, however it was typed.
        let phone = PhoneNumber.normalize(text).map { String($0.drop { $0 == "+" }) }
        guard let query = SearchQuery(phone ?? text) else { return [] }
        let limit = max(1, min(limit, 500))
        let visibility = LeadLookup.visibility(for: actor)
        return try context.read { db in
            let byLead = try Lead.fetchAll(db, sql: """
                SELECT \(Lead.selection) FROM lead_search JOIN lead ON lead.id = lead_search.rowid
                WHERE lead_search MATCH ? AND lead.status != 'merged' AND \(visibility.sql)
                ORDER BY lead_search.rowid DESC LIMIT \(limit)
                """, arguments: [query.matchExpression] + visibility.arguments)
            var hits = byLead.map { SearchHit(lead: $0, matchedIn: .lead) }
            var seen = Set(hits.map(\.lead.id))
            guard hits.count < limit else { return hits }
            let excerpt = Lead.selectionNames.count
            let byNote = try Lead.fetchAll(db, sql: """
                SELECT \(Lead.selection), follow_up.content AS excerpt
                FROM follow_up_search JOIN follow_up ON follow_up.id = follow_up_search.rowid JOIN lead ON lead.id = follow_up.lead_id
                WHERE follow_up_search MATCH ? AND lead.status != 'merged' AND \(visibility.sql)
                ORDER BY follow_up_search.rowid DESC LIMIT \(limit * 2)
                """, arguments: [query.matchExpression] + visibility.arguments, extra: { $0[excerpt] as String? })
            for (lead, excerpt) in byNote where hits.count < limit {
                guard seen.insert(lead.id).inserted else { continue }
                hits.append(SearchHit(lead: lead, matchedIn: .followUp, excerpt: excerpt))
            }
            return hits
        }
    }
}
