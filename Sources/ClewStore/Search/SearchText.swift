import ClewServices
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
    ///
    /// Runs over UTF-8 bytes when every scalar of `text` is its own grapheme cluster (see
    /// ``fastIndexForm(of:)``), which is nearly always; else over `Character`s. Both give the
    /// same result, which matters: the index is maintained by recomputing old rows' forms.
    static func indexForm(of text: String) -> String {
        fastIndexForm(of: text) ?? indexFormByCharacters(of: text)
    }

    /// ``indexForm(of:)`` computed scalar by scalar on the UTF-8 bytes, or nil when `text` holds
    /// a scalar that could join its neighbour into one grapheme cluster (combining marks,
    /// variation selectors, joiners, jamo, emoji, …), where only `Character`s give the right runs.
    ///
    /// For text made only of the scalars ``isStandalone(_:)`` accepts, each scalar is a whole
    /// `Character` (but for CR LF, which is not CJK and is copied as is either way), so splitting
    /// by scalar splits exactly as ``segments(of:)`` does.
    static func fastIndexForm(of text: String) -> String? {
        var text = text
        return text.withUTF8 { bytes -> String? in
            let count = bytes.count
            var out: [UInt8] = []
            out.reserveCapacity(count * 3 + 1)
            let space = UInt8(ascii: " ")
            var previous: Range<Int>? // the last CJK scalar of the current run
            var inOther = false
            var i = 0
            while i < count {
                let lead = bytes[i]
                let length: Int
                let scalar: UInt32
                if lead < 0x80 {
                    length = 1
                    scalar = UInt32(lead)
                } else if lead < 0xE0 {
                    length = 2
                    scalar = (UInt32(lead & 0x1F) << 6) | UInt32(bytes[i + 1] & 0x3F)
                } else if lead < 0xF0 {
                    length = 3
                    scalar = (UInt32(lead & 0x0F) << 12) | (UInt32(bytes[i + 1] & 0x3F) << 6) | UInt32(bytes[i + 2] & 0x3F)
                } else {
                    length = 4
                    scalar = (UInt32(lead & 0x07) << 18) | (UInt32(bytes[i + 1] & 0x3F) << 12)
                        | (UInt32(bytes[i + 2] & 0x3F) << 6) | UInt32(bytes[i + 3] & 0x3F)
                }
                guard isStandalone(scalar) else { return nil }
                let range = i..<(i + length)
                if isCJK(scalar: scalar) {
                    if inOther { out.append(space); inOther = false }
                    if let previous {
                        out.append(contentsOf: bytes[previous])
                        out.append(contentsOf: bytes[range])
                        out.append(space)
                    }
                    previous = range
                } else {
                    if let run = previous {
                        out.append(contentsOf: bytes[run])
                        out.append(space)
                        previous = nil
                    }
                    out.append(contentsOf: bytes[range])
                    inOther = true
                }
                i += length
            }
            if let run = previous {
                out.append(contentsOf: bytes[run])
                out.append(space)
            }
            if inOther { out.append(space) }
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// Whether `scalar` always forms a grapheme cluster on its own (with anything of this set
    /// on either side): ASCII, Latin-1 and Latin Extended, general punctuation, CJK ideographs,
    /// punctuation, kana, Hangul syllables and full-width forms, without any of the combining
    /// or joining characters found among them.
    static func isStandalone(_ scalar: UInt32) -> Bool {
        switch scalar {
        case 0x00...0x02FF,         // ASCII, Latin-1 (controls break on both sides), Latin Extended, IPA
             0x2010...0x2027,       // dashes, quotes, bullets, ellipsis
             0x2030...0x205E,       // per mille … (not the invisible operators after)
             0x3000...0x3029,       // ideographic space and punctuation (not the combining tone marks 302A–302F)
             0x3030...0x303F,
             0x3041...0x3096,       // hiragana (not the combining voiced marks 3099–309A)
             0x309B...0x30FF,       // kana marks and katakana
             0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, // CJK ideographs
             0xAC00...0xD7A3,       // Hangul syllables (they join only with conjoining jamo, not in this set)
             0xFF01...0xFF9D,       // full-width forms, half-width katakana (not the sound marks FF9E–FF9F)
             0x20000...0x2FFFF:     // CJK ideograph extensions
            return true
        default:
            return false
        }
    }

    /// ``isCJK(_:)`` for one scalar.
    static func isCJK(scalar: UInt32) -> Bool {
        switch scalar {
        case 0x3040...0x30FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xAC00...0xD7AF, 0xF900...0xFAFF,
             0x20000...0x2FFFF:
            return true
        default:
            return false
        }
    }

    /// ``indexForm(of:)`` by `Character`s: the reference, for any text.
    static func indexFormByCharacters(of text: String) -> String {
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
        return isCJK(scalar: scalar.value)
    }
}
