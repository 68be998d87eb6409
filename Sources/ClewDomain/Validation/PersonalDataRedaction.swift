import Foundation

/// Which text is one person's personal data, and how it is blanked out when that person asks to
/// be erased (PIPL, 个人信息保护法 §47): their phone (as stored and as bare digits), their email
/// and their name, wherever they occur in free text.
///
/// ```swift
/// let redaction = PersonalDataRedaction(phones: ["138 0013 8000"], emails: ["wang@hengtong.cn"], names: ["王伟"])
/// redaction.redact("王伟说打 13800138000 或写信 wang@hengtong.cn")   // "[已删除]说打 [已删除] 或写信 [已删除]"
/// ```
public struct PersonalDataRedaction: Sendable, Hashable {
    /// What erased data is replaced with.
    public static let placeholder = "[已删除]"

    /// The strings searched for, longest first (so a whole phone goes before a part of it).
    public let needles: [String]

    /// The person's phones (each also as bare digits and without the +86 prefix), emails and
    /// names; strings shorter than two characters are ignored (they would match too much).
    public init(phones: [String], emails: [String], names: [String]) {
        var found: Set<String> = []
        for phone in phones {
            found.insert(phone)
            let digits = String(phone.filter(\.isASCII).filter(\.isNumber))
            found.insert(digits)
            var national = digits
            if national.hasPrefix("0086") && national.count > 12 { national = String(national.dropFirst(4)) }
            if national.hasPrefix("86") && national.count > 10 { national = String(national.dropFirst(2)) }
            found.formUnion(Self.writtenForms(ofNational: national))
        }
        for email in emails { found.insert(email); found.insert(email.lowercased()) }
        for name in names { found.insert(name) }
        needles = found.filter { $0.count >= 2 && $0 != Self.placeholder }.sorted { $0.count != $1.count ? $0.count > $1.count : $0 < $1 }
    }

    /// How people write a Chinese number in free text (notes, follow-ups): a mobile as 3-4-4
    /// groups, a landline as area code and number, with a space, hyphen or dot between, with
    /// or without the +86/0086 prefix.
    ///
    /// ```swift
    /// PersonalDataRedaction.writtenForms(ofNational: "13800138000")   // "138 0013 8000", "+86-138-0013-8000", …
    /// ```
    public static func writtenForms(ofNational digits: String) -> Set<String> {
        let characters = Array(digits)
        var groupings: [[Int]] = []
        if characters.count == 11, characters.first == "1" { groupings = [[3, 4, 4], [3, 8], [7, 4]] }
        if characters.first == "0", (10...12).contains(characters.count) {
            let area = characters.count > 1 && (characters[1] == "1" || characters[1] == "2") ? 3 : 4
            groupings = [[area, characters.count - area]]
        }
        var forms: Set<String> = [digits]
        for grouping in groupings {
            var parts: [String] = []
            var start = 0
            for length in grouping {
                parts.append(String(characters[start..<min(start + length, characters.count)]))
                start += length
            }
            for separator in [" ", "-", "."] {
                let national = parts.joined(separator: separator)
                forms.insert(national)
                for prefix in ["+86 ", "+86-", "+86", "0086 ", "0086-", "86-"] {
                    // A landline's leading 0 is dropped after the country code.
                    forms.insert(prefix + (characters.first == "0" ? String(national.dropFirst()) : national))
                }
            }
            if characters.first == "0" { forms.insert("(\(parts[0])) \(parts.dropFirst().joined())") }
        }
        return forms
    }

    /// `text` with every needle replaced by ``placeholder``, whatever its letter case (emails,
    /// Latin names); nil stays nil.
    public func redact(_ text: String?) -> String? {
        guard var text else { return nil }
        for needle in needles where text.range(of: needle, options: .caseInsensitive) != nil {
            text = text.replacingOccurrences(of: needle, with: Self.placeholder, options: .caseInsensitive)
        }
        return text
    }

    /// Whether `text` holds any of the needles, whatever its letter case.
    public func matches(_ text: String?) -> Bool {
        guard let text else { return false }
        return needles.contains { text.range(of: $0, options: .caseInsensitive) != nil }
    }

    /// The needles as the store searches for them: lower-cased, to be compared with
    /// `lower(column)` (SQLite lower-cases ASCII, which is what emails and Latin names need).
    public var lowercasedNeedles: [String] { needles.map { $0.lowercased() } }
}
