import ClewDomain
import Foundation

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

    /// A value with each of its fields given.
    public init(given: Bool, privacyVersion: String? = nil, at: Date, tokenID: Int64, source: String) {
        self.given = given
        self.privacyVersion = privacyVersion
        self.at = at
        self.tokenID = tokenID
        self.source = source
    }
}
