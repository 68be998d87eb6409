import GRDB

/// Turns text into the form the full-text index stores, so that Chinese substrings can be found.
///
/// FTS5's `unicode61` tokenizer keeps a run of CJK characters as one token ("华东区制造业" is a
/// single word), and `trigram` cannot find two-character words. So before indexing, each CJK run
/// is rewritten as its overlapping bigrams plus its last character ("华东 东区 区制 制造 造业 业"),
/// the approach of Lucene's CJK analyzer; Latin text is left to `unicode61`. A query is rewritten
/// the same way by ``SearchQuery``, so "华东" and "恒通科技" match as phrases.
enum SearchText {
    /// The SQL function the search triggers call: `clew_search_text(a, b, …)`.
    static let sqlFunctionName = "clew_search_text"

    /// The function, registered on every connection.
    static let sqlFunction = DatabaseFunction(sqlFunctionName, argumentCount: nil, pure: true) { values in
        var out = ""
        for value in values {
            guard let text = String.fromDatabaseValue(value), !text.isEmpty else { continue }
            if !out.isEmpty { out += " | " }
            out += indexForm(of: text)
        }
        return out
    }

    /// A segment of text: a run of CJK characters or anything else.
    enum Segment: Equatable {
        case cjk([Character])
        case other(String)
    }

    /// Splits text into CJK runs and other runs.
    static func segments(of text: String) -> [Segment] {
        var result: [Segment] = []
        var cjk: [Character] = []
        var other = ""
        for character in text {
            if isCJK(character) {
                if !other.isEmpty { result.append(.other(other)); other = "" }
                cjk.append(character)
            } else {
                if !cjk.isEmpty { result.append(.cjk(cjk)); cjk = [] }
                other.append(character)
            }
        }
        if !cjk.isEmpty { result.append(.cjk(cjk)) }
        if !other.isEmpty { result.append(.other(other)) }
        return result
    }

    /// The indexed form of `text`: CJK runs as bigrams followed by their last character.
    static func indexForm(of text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count * 3)
        for segment in segments(of: text) {
            switch segment {
            case let .cjk(run):
                for i in 0..<(run.count - 1) {
                    out.append(run[i]); out.append(run[i + 1]); out.append(" ")
                }
                out.append(run[run.count - 1]); out.append(" ")
            case let .other(text):
                out += text; out += " "
            }
        }
        return out
    }

    /// Whether a character is written without spaces between words (Chinese, Japanese, Korean).
    static func isCJK(_ character: Character) -> Bool {
        guard let scalar = character.unicodeScalars.first else { return false }
        switch scalar.value {
        case 0x3040...0x30FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xAC00...0xD7AF, 0xF900...0xFAFF,
             0x20000...0x2FFFF:
            return true
        default:
            return false
        }
    }
}
