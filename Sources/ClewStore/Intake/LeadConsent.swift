import ClewDomain
import Foundation
import GRDB

/// The consent a web form recorded with a lead (`consent=1` and the version of the privacy
/// text the person saw), as the intake server stored it in `lead_consent`: shown by
/// `clew lead show` and the TUI's lead detail.
public struct LeadConsent: Hashable, Sendable, Codable {
    /// Whether the person ticked the consent box.
    public var given: Bool
    /// The privacy text's version the form named (`privacy_version`), if any.
    public var privacyVersion: String?
    /// When the post was stored.
    public var at: Date
    /// The intake token the post came with.
    public var tokenID: Int64
    /// That token's source (官网, 抖音, …).
    public var source: String

    /// "intake token #N (source)", as the audit rows name it.
    public var via: String { "intake token #\(tokenID) (\(source))" }

    /// One line for a person: `given (privacy v3)` or `not given`.
    public var summary: String {
        (given ? "given" : "not given") + (privacyVersion.map { " (privacy \($0))" } ?? "")
    }

    /// The consents recorded with the leads `leadIDs` (a lead and those merged into it), oldest first.
    static func all(_ db: Database, leadIDs: [Int64]) throws -> [LeadConsent] {
        guard !leadIDs.isEmpty else { return [] }
        let marks = leadIDs.map { _ in "?" }.joined(separator: ",")
        return try Row.fetchAll(db, sql: """
            SELECT c.consent, c.privacy_version, c.at, c.token_id, t.source
            FROM lead_consent c JOIN intake_token t ON t.id = c.token_id
            WHERE c.lead_id IN (\(marks)) ORDER BY c.at, c.id
            """, arguments: StatementArguments(leadIDs)).map {
            LeadConsent(given: $0[0], privacyVersion: $0[1], at: Date(storage: $0[2]), tokenID: $0[3], source: $0[4])
        }
    }
}
