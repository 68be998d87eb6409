import ClewServices
/// A user's search text turned into an FTS5 `MATCH` expression over ``SearchText``'s index form.
///
/// Each whitespace-separated term becomes a phrase; terms are ANDed. Inside a term, CJK runs
/// become their bigrams; a term that ends in Latin text or in a single CJK character matches as
/// a prefix. Everything is quoted, so no user text is ever read as FTS syntax.
///
/// ```swift
/// SearchQuery("华东")?.matchExpression        // "\"华东\""
/// SearchQuery("恒通科技")?.matchExpression    // "\"恒通 通科 科技\""
/// SearchQuery("saas 杭")?.matchExpression     // "\"saas\" * AND \"杭\" *"
/// ```
struct SearchQuery: Equatable {
    /// The FTS5 expression.
    let matchExpression: String

    /// Nil when the text has nothing to search for.
    init?(_ text: String) {
        var phrases: [String] = []
        for term in text.split(whereSeparator: { $0.isWhitespace }) {
            if let phrase = Self.phrase(for: String(term)) { phrases.append(phrase) }
        }
        guard !phrases.isEmpty else { return nil }
        matchExpression = phrases.joined(separator: " AND ")
    }

    private static func phrase(for term: String) -> String? {
        let segments = SearchText.segments(of: term)
        var tokens: [String] = []
        var prefix = false
        for (index, segment) in segments.enumerated() {
            let isLast = index == segments.count - 1
            switch segment {
            case let .cjk(run):
                if run.count == 1 {
                    tokens.append(String(run[0]))
                    prefix = isLast
                } else {
                    for i in 0..<(run.count - 1) { tokens.append(String([run[i], run[i + 1]])) }
                    // The index also holds the run's last character; a following Latin token is
                    // only adjacent to the bigrams through it.
                    if !isLast { tokens.append(String(run[run.count - 1])) }
                    prefix = false
                }
            case let .other(text):
                let words = text.split { !($0.isLetter || $0.isNumber) }.map(String.init)
                guard !words.isEmpty else { continue }
                tokens += words
                prefix = isLast
            }
        }
        guard !tokens.isEmpty else { return nil }
        let quoted = "\"" + tokens.joined(separator: " ").replacingOccurrences(of: "\"", with: "\"\"") + "\""
        return prefix ? quoted + " *" : quoted
    }
}
