import ClewDomain
import ClewServices
import Foundation
import GRDB

/// Full-text search over leads and follow-up notes, Chinese substrings included.
public struct SearchService: Sendable {
    let context: ClewContext
    public let actor: ActingUser

    /// The most hits one page returns.
    public static let pageLimit = 500

    public init(context: ClewContext, actor: ActingUser) {
        self.context = context
        self.actor = actor
    }

    /// Leads the actor may see whose fields or follow-ups match `text`: lead matches newest
    /// first, then leads found only by a follow-up; `offset` skips that many (the next page).
    public func search(_ text: String, offset: Int = 0, limit: Int = 50) throws -> [SearchHit] {
        guard let query = Self.query(text) else { return [] }
        let limit = max(1, min(limit, Self.pageLimit))
        let offset = max(0, offset)
        let visibility = LeadLookup.visibility(for: actor)
        return try context.read { db in
            let leadMatches = """
                FROM lead_search JOIN lead ON lead.id = lead_search.rowid
                WHERE lead_search MATCH ? AND lead.status != 'merged' AND \(visibility.sql)
                """
            let byLead = try Lead.fetchAll(db, sql: "SELECT \(Lead.selection) \(leadMatches) ORDER BY lead_search.rowid DESC LIMIT \(limit) OFFSET \(offset)",
                                           arguments: [query.matchExpression] + visibility.arguments)
            var hits = byLead.map { lead in
                let match = MatchExcerpt.locate(text, in: Self.fields(of: lead))
                return SearchHit(lead: lead, matchedIn: .lead, excerpt: match?.excerpt, field: match?.field)
            }
            guard hits.count < limit else { return hits }
            // Past the lead matches: where the follow-up-only matches start.
            let leadCount = !byLead.isEmpty || offset == 0
                ? offset + byLead.count
                : try Int.fetchOne(db, sql: "SELECT count(*) \(leadMatches)", arguments: [query.matchExpression] + visibility.arguments) ?? 0
            let noteOffset = max(0, offset - leadCount)
            // Follow-up matches newest first, one per lead, read only until the page is full: a
            // word in tens of thousands of notes costs one page of them, not a GROUP BY of all.
            let wanted = noteOffset + (limit - hits.count)
            let notes = try Row.fetchCursor(db, sql: """
                SELECT follow_up.lead_id, follow_up.content
                FROM follow_up_search JOIN follow_up ON follow_up.id = follow_up_search.rowid JOIN lead ON lead.id = follow_up.lead_id
                WHERE follow_up_search MATCH ? AND lead.status != 'merged' AND \(visibility.sql)
                  AND lead.id NOT IN (SELECT rowid FROM lead_search WHERE lead_search MATCH ?)
                ORDER BY follow_up_search.rowid DESC
                """, arguments: [query.matchExpression] + visibility.arguments + [query.matchExpression])
            var order: [Int64] = []
            var newestNote: [Int64: String] = [:]
            while order.count < wanted, let row = try notes.next() {
                let leadID: Int64 = row[0]
                guard newestNote[leadID] == nil else { continue }
                newestNote[leadID] = row[1] as String? ?? ""
                order.append(leadID)
            }
            let page = Array(order.dropFirst(noteOffset))
            guard !page.isEmpty else { return hits }
            let marks = Array(repeating: "?", count: page.count).joined(separator: ",")
            let leads = try Lead.fetchAll(db, sql: "SELECT \(Lead.selection) FROM lead WHERE lead.id IN (\(marks))",
                                          arguments: StatementArguments(page))
            let byID = Dictionary(leads.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            for id in page {
                guard let lead = byID[id] else { continue }
                let note = newestNote[id] ?? ""
                let match = MatchExcerpt.locate(text, in: [("follow-up", note)])
                hits.append(SearchHit(lead: lead, matchedIn: .followUp, excerpt: match?.excerpt ?? MatchExcerpt.excerpt(of: note, around: 0, length: 0),
                                      field: "follow-up"))
            }
            return hits
        }
    }

    /// How many leads the actor may see match `text` (by a field or a follow-up), each once.
    public func count(_ text: String) throws -> Int {
        guard let query = Self.query(text) else { return 0 }
        let visibility = LeadLookup.visibility(for: actor)
        return try context.read { db in
            try Int.fetchOne(db, sql: """
                SELECT count(*) FROM (SELECT rowid AS id FROM lead_search WHERE lead_search MATCH ?
                  UNION SELECT follow_up.lead_id FROM follow_up_search JOIN follow_up ON follow_up.id = follow_up_search.rowid
                  WHERE follow_up_search MATCH ?) matched
                JOIN lead ON lead.id = matched.id WHERE lead.status != 'merged' AND \(visibility.sql)
                """, arguments: [query.matchExpression, query.matchExpression] + visibility.arguments) ?? 0
        }
    }

    /// The query `text` asks for: a phone number searches its matching form, however typed.
    private static func query(_ text: String) -> SearchQuery? {
        let phone = PhoneNumber.normalize(text).map { String($0.drop { $0 == "+" }) }
        return SearchQuery(phone ?? text)
    }

    /// A lead's searchable fields, in the order a match is reported.
    static func fields(of lead: Lead) -> [(key: String, value: String?)] {
        let details = lead.details
        return [("customer", details.customer), ("contact", details.contact), ("phone", details.phone), ("email", details.email),
                ("need", details.need), ("title", details.title), ("industry", details.industry), ("source", details.source),
                ("campaign", details.campaign), ("region", details.region), ("city", details.city), ("number", lead.number.description),
                ("tags", lead.tags.sorted().joined(separator: " "))]
    }
}
