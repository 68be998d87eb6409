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
            if digits.hasPrefix("86") && digits.count > 10 { found.insert(String(digits.dropFirst(2))) }
        }
        for email in emails { found.insert(email); found.insert(email.lowercased()) }
        for name in names { found.insert(name) }
        needles = found.filter { $0.count >= 2 && $0 != Self.placeholder }.sorted { $0.count != $1.count ? $0.count > $1.count : $0 < $1 }
    }

    /// `text` with every needle replaced by ``placeholder``; nil stays nil.
    public func redact(_ text: String?) -> String? {
        guard var text else { return nil }
        for needle in needles where text.contains(needle) {
            text = text.replacingOccurrences(of: needle, with: Self.placeholder)
        }
        return text
    }

    /// Whether `text` holds any of the needles.
    public func matches(_ text: String?) -> Bool {
        guard let text else { return false }
        return needles.contains { text.contains($0) }
    }
}
