/// Keywords that tag a follow-up's feedback (价格高/太贵/price → `price-objection`), and whether
/// the tag raises a risk alert to the supervisor.
public struct KeywordTag: Hashable, Codable, Sendable {
    public var tag: String
    /// Matched case-insensitively anywhere in the content and feedback.
    public var keywords: [String]
    public var riskAlert: Bool

    public init(tag: String, keywords: [String], riskAlert: Bool = true) {
        self.tag = tag
        self.keywords = keywords
        self.riskAlert = riskAlert
    }

    /// Whether `text` contains one of the keywords.
    public func matches(_ text: String) -> Bool {
        let value = text.lowercased()
        return keywords.contains { value.contains($0.lowercased()) }
    }
}
