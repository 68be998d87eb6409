/// A validated e-mail address in its normalized (lower-case, half-width) form.
///
/// ```swift
/// let email = try EmailAddress(parsing: " Wang.Wei@Example.COM ")
/// email.normalized // "wang.wei@example.com"
/// try EmailAddress(parsing: "ｗａｎｇ＠ｅｘａｍｐｌｅ．ｃｏｍ").normalized // "wang@example.com"
/// ```
///
/// Rules: exactly one `@`; the local part is an RFC 5322 dot-atom of ASCII letters, digits and
/// ``!#$%&'*+/=?^_`{|}~-`` with dots neither leading, trailing nor doubled, at most 64
/// characters; the domain has at least two labels of ASCII letters, digits and inner hyphens
/// (each at most 63 characters, 253 in all) and a top-level label of at least 2 letters (or an
/// `xn--` internationalised one). No spaces. The whole address is lower-cased, so two spellings of
/// one mailbox compare equal (strictly the local part is case-sensitive; in practice it never is).
public struct EmailAddress: Hashable, Sendable, Codable, CustomStringConvertible {

    // MARK: - Fields

    /// The trimmed, half-width, lower-cased address: `wang.wei@example.com`.
    public let normalized: String

    /// The part before the `@`.
    public var localPart: String { String(normalized.prefix { $0 != "@" }) }

    /// The part after the `@`.
    public var domain: String { String(normalized.drop { $0 != "@" }.dropFirst()) }

    // MARK: - Parsing

    /// Reads an e-mail address; full-width `＠`, `．`, letters and digits are converted.
    ///
    /// ```swift
    /// try EmailAddress(parsing: "a..b@x.com") // throws .invalidLocalPart("a..b@x.com")
    /// ```
    public init(parsing raw: String) throws(EmailAddressError) {
        // Nearly every address is ASCII: checked on its bytes, by the same rules (an import
        // checks one per row).
        if raw.utf8.allSatisfy({ $0 < 0x80 }) {
            self = try Self(parsingASCII: raw)
            return
        }
        try self.init(parsingUnicode: raw)
    }

    /// The rules on Characters, for text with full-width or other non-ASCII characters.
    init(parsingUnicode raw: String) throws(EmailAddressError) {
        let input = TextNormalization.trimmed(raw)
        let text = Self.halfWidthLowercased(raw)
        guard !text.isEmpty else { throw .empty }
        guard !text.contains(where: { $0.isWhitespace }) else { throw .containsSpaces(input) }
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count > 1 else { throw .missingAt(input) }
        guard parts.count == 2 else { throw .multipleAt(input) }
        guard Self.isValidLocalPart(parts[0]) else { throw .invalidLocalPart(input) }
        guard Self.isValidDomain(parts[1]) else { throw .invalidDomain(input) }
        normalized = text
    }

    /// The rules of ``init(parsingUnicode:)`` on the bytes of an ASCII `raw` (where a Character is
    /// a byte, except CR LF, which is whitespace either way).
    init(parsingASCII raw: String) throws(EmailAddressError) {
        let all = Array(raw.utf8)
        func isSpace(_ byte: UInt8) -> Bool { (0x09...0x0D).contains(byte) || byte == 0x20 }
        guard let first = all.firstIndex(where: { !isSpace($0) }), let last = all.lastIndex(where: { !isSpace($0) }) else { throw .empty }
        let trimmed = all[first...last]
        let input = String(decoding: trimmed, as: UTF8.self)
        let text = trimmed.map { (0x41...0x5A).contains($0) ? $0 | 0x20 : $0 }
        guard !text.contains(where: isSpace) else { throw .containsSpaces(input) }
        let parts = text.split(separator: UInt8(ascii: "@"), omittingEmptySubsequences: false)
        guard parts.count > 1 else { throw .missingAt(input) }
        guard parts.count == 2 else { throw .multipleAt(input) }
        func isAlphanumeric(_ byte: UInt8) -> Bool { (0x30...0x39).contains(byte) || (0x61...0x7A).contains(byte) }
        func isLetter(_ byte: UInt8) -> Bool { (0x61...0x7A).contains(byte) }
        let dot = UInt8(ascii: ".")
        let local = parts[0]
        let localValid = !local.isEmpty && local.count <= 64
            && local.split(separator: dot, omittingEmptySubsequences: false).allSatisfy { atom in
                !atom.isEmpty && atom.allSatisfy { isAlphanumeric($0) || Self.localSymbolBytes.contains($0) }
            }
        guard localValid else { throw .invalidLocalPart(input) }
        let domain = parts[1]
        let labels = domain.split(separator: dot, omittingEmptySubsequences: false)
        let hyphen = UInt8(ascii: "-")
        let domainValid: Bool = {
            guard domain.count <= 253, labels.count >= 2, let top = labels.last else { return false }
            let labelsValid = labels.allSatisfy { label in
                (1...63).contains(label.count) && label.first != hyphen && label.last != hyphen
                    && label.allSatisfy { isAlphanumeric($0) || $0 == hyphen }
            }
            let topValid = (top.count >= 2 && top.allSatisfy(isLetter)) || (top.starts(with: Array("xn--".utf8)) && top.count > 4)
            return labelsValid && topValid
        }()
        guard domainValid else { throw .invalidDomain(input) }
        normalized = String(decoding: text, as: UTF8.self)
    }

    private static let localSymbolBytes = Set("!#$%&'*+/=?^_`{|}~-".utf8)

    /// The ``normalized`` form of `raw`, or nil when it is not a valid address.
    ///
    /// ```swift
    /// EmailAddress.normalize("Li@Example.cn") // "li@example.cn"
    /// EmailAddress.normalize("a@b")           // nil
    /// ```
    public static func normalize(_ raw: String) -> String? {
        try? EmailAddress(parsing: raw).normalized
    }

    static func halfWidthLowercased(_ raw: String) -> String {
        TextNormalization.trimmed(TextNormalization.halfWidth(raw)).lowercased()
    }

    // MARK: - Rules

    private static let localSymbols = Set("!#$%&'*+/=?^_`{|}~-")

    private static func isValidLocalPart(_ local: Substring) -> Bool {
        guard !local.isEmpty, local.count <= 64 else { return false }
        let atoms = local.split(separator: ".", omittingEmptySubsequences: false)
        return atoms.allSatisfy { atom in
            !atom.isEmpty && atom.allSatisfy { isASCIIAlphanumeric($0) || localSymbols.contains($0) }
        }
    }

    private static func isValidDomain(_ domain: Substring) -> Bool {
        guard domain.count <= 253 else { return false }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, let top = labels.last else { return false }
        let labelsValid = labels.allSatisfy { label in
            (1...63).contains(label.count) && label.first != "-" && label.last != "-"
                && label.allSatisfy { isASCIIAlphanumeric($0) || $0 == "-" }
        }
        let topValid = (top.count >= 2 && top.allSatisfy { $0.isASCII && $0.isLetter })
            || (top.hasPrefix("xn--") && top.count > 4)
        return labelsValid && topValid
    }

    private static func isASCIIAlphanumeric(_ character: Character) -> Bool {
        character.isASCII && (character.isLetter || character.isNumber)
    }

    // MARK: - Protocols

    /// The normalized address.
    public var description: String { normalized }

    /// Decodes an address string, validating it.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            try self.init(parsing: text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.description)
        }
    }

    /// Encodes as the normalized address string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(normalized)
    }
}
