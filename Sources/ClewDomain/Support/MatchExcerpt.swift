import Foundation

/// Where a search term was found in a record's fields, with a short excerpt around it — what
/// the search list shows beside each hit ("需求: …企业级SaaS系统…").
public struct MatchExcerpt: Hashable, Sendable {
    /// The field's key (`customer`, `need`, `phone`, `follow-up`, …).
    public var field: String
    /// Up to ``width`` characters of the field around the first matching term, `…` where cut.
    public var excerpt: String

    /// Characters of context an excerpt keeps at most.
    public static let width = 48

    public init(field: String, excerpt: String) {
        self.field = field
        self.excerpt = excerpt
    }

    /// The first of `fields` (in order) containing one of the query's terms, case-insensitive;
    /// a term of digits also matches the field's digits alone (a phone typed any way).
    public static func locate(_ query: String, in fields: [(key: String, value: String?)]) -> MatchExcerpt? {
        let terms = query.lowercased().split(whereSeparator: \.isWhitespace).map(String.init).filter { !$0.isEmpty }
        guard !terms.isEmpty else { return nil }
        for (key, value) in fields {
            guard let value, !value.isEmpty else { continue }
            let lowered = value.lowercased()
            for term in terms {
                if let range = lowered.range(of: term) {
                    let offset = lowered.distance(from: lowered.startIndex, to: range.lowerBound)
                    return MatchExcerpt(field: key, excerpt: excerpt(of: value, around: offset, length: term.count))
                }
                let digits = term.filter(\.isNumber)
                if digits.count >= 3, digits.count == term.count || term.hasPrefix("+"), value.filter(\.isNumber).contains(digits) {
                    return MatchExcerpt(field: key, excerpt: excerpt(of: value, around: 0, length: value.count))
                }
            }
        }
        return nil
    }

    /// `text` cut to ``width`` characters around `offset ..< offset+length`, one line.
    public static func excerpt(of text: String, around offset: Int, length: Int) -> String {
        let characters = Array(text.map { $0.isNewline ? " " : $0 })
        guard characters.count > width else { return String(characters) }
        let before = max(0, min(offset - (width - length) / 2, characters.count - width))
        let end = min(characters.count, before + width)
        return (before > 0 ? "…" : "") + String(characters[before..<end]) + (end < characters.count ? "…" : "")
    }
}
