import Foundation

/// A credential a web site's form, a shop platform or a social-media bridge posts leads with
/// (`clew intake token add`). It decides the leads' source and campaign, its rate, and whether
/// it is public (it sits in a web page, so its answers must not tell who is already a lead).
///
/// The secret itself is shown once when the token is made; the database keeps its
/// ``IntakeSecret/hash(_:)`` only.
public struct IntakeToken: Hashable, Sendable {
    public var id: Int64
    /// The first characters of the secret (`clw_3f9a…`), to tell tokens apart in `list`.
    public var prefix: String
    /// The 线索来源 every lead from this token gets (官网, 抖音, …).
    public var source: String
    /// The 营销活动 of its leads, if the token is for one campaign.
    public var campaign: String?
    /// Posts allowed per minute.
    public var ratePerMinute: Int
    /// Whether the token sits in a web page (public answers: no lead number, new or merged alike).
    public var isPublic: Bool
    public var createdBy: String
    public var createdAt: Date
    public var revokedAt: Date?

    public init(id: Int64, prefix: String, source: String, campaign: String? = nil, ratePerMinute: Int = IntakeToken.defaultRate,
                isPublic: Bool = false, createdBy: String, createdAt: Date, revokedAt: Date? = nil) {
        self.id = id
        self.prefix = prefix
        self.source = source
        self.campaign = campaign
        self.ratePerMinute = ratePerMinute
        self.isPublic = isPublic
        self.createdBy = createdBy
        self.createdAt = createdAt
        self.revokedAt = revokedAt
    }

    /// The default rate: 60 posts a minute.
    public static let defaultRate = 60
    /// The rates a token may be given (a bench token goes high; nothing goes unlimited).
    public static let rateLimits = 1...1_000_000

    /// How audit rows name the token: `intake token #3 (官网)`.
    public var label: String { "intake token #\(id) (\(source))" }

    public var isRevoked: Bool { revokedAt != nil }
}

/// Making and checking intake token secrets: `clw_` and 64 hex digits (256 random bits).
public enum IntakeSecret {
    /// The fixed start of every secret.
    public static let marker = "clw_"
    /// How many characters of a secret `list` shows.
    public static let prefixLength = marker.count + 8

    /// A new random secret.
    public static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        return generate(using: &generator)
    }

    /// A new secret from `generator` (tests pass a seeded one).
    public static func generate<G: RandomNumberGenerator>(using generator: inout G) -> String {
        let digits = Array("0123456789abcdef")
        return marker + String((0..<64).map { _ in digits[Int(generator.next() % 16)] })
    }

    /// What the database stores for `secret`.
    public static func hash(_ secret: String) -> String { SHA256.hex(secret) }

    /// Whether `text` has the shape of a secret (checked before any lookup).
    public static func isWellFormed(_ text: String) -> Bool {
        text.hasPrefix(marker) && text.utf8.count == marker.utf8.count + 64
            && text.utf8.dropFirst(marker.utf8.count).allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }

    /// The part of `secret` shown in `list`.
    public static func prefix(of secret: String) -> String { String(secret.prefix(prefixLength)) }
}
