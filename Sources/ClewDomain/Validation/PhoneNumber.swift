/// A validated phone number: a Chinese mobile, a Chinese landline (with optional extension), or an
/// international number. Two spellings of one number have the same ``normalized`` form, which is
/// what duplicate checks and search match on.
///
/// ```swift
/// let phone = try PhoneNumber(parsing: "+86 138 0013 8000")
/// phone.kind        // .mobile
/// phone.normalized  // "+8613800138000"
/// phone.display     // "138 0013 8000"
/// try PhoneNumber(parsing: "(0571) 8888-6666 转 123").display // "0571-8888 6666 转 123"
/// ```
///
/// Reading rules:
/// - Full-width characters are converted first (``TextNormalization/halfWidth(_:)``); spaces,
///   `-`, `.`, `(`, `)`, `（`, `）` and Unicode dashes are ignored.
/// - An extension follows `转`, `分机`, `ext`, `ext.`, `x`, `#` or `;ext=`, or — only when the
///   text does not already read as a valid number and the part before it is a complete landline —
///   a final `-NNN` (`0571-88886666-123`). Extensions are 1–6 digits; mobiles have none.
/// - `+86`, `0086` and a bare `86` (only when the rest is a valid mobile or landline without its
///   leading 0) mark a Chinese number; a trunk `0` after `+86` is tolerated.
/// - Mobile: `1[3-9]` + 9 digits. Landline: `0` + area code (`10`, `20`–`29`, or 3 digits
///   starting 3–9) + a 7–8 digit local number not starting with 0. (A leading 1 is accepted:
///   real local numbers rarely start with 1, but `010-12345678` is the customary example.)
/// - International: `+` or `00`, a country code other than 86, 8–15 digits in all (E.164).
public struct PhoneNumber: Hashable, Sendable, Codable, CustomStringConvertible {

    /// What kind of number this is.
    public enum Kind: String, Sendable, Codable, Hashable, CaseIterable {
        /// A Chinese mobile (`1[3-9]` + 9 digits).
        case mobile
        /// A Chinese fixed line with area code.
        case landline
        /// A number outside China (country code other than 86).
        case international
    }

    // MARK: - Fields

    /// Mobile, landline or international.
    public let kind: Kind
    /// The E.164 form used for matching: `+8613800138000`, `+8657188886666`, `+14155550123`.
    public let normalized: String
    /// The extension digits, if any (`"123"` for `0571-88886666转123`).
    public let extensionNumber: String?

    // MARK: - Parsing

    /// Reads a phone number as a sales rep or an import file writes it.
    ///
    /// ```swift
    /// try PhoneNumber(parsing: "０５７１－８８８８６６６６").normalized // "+8657188886666"
    /// try PhoneNumber(parsing: "1380013800") // throws .wrongLength("1380013800", digits: 10, expected: .mobile)
    /// ```
    public init(parsing raw: String) throws(PhoneNumberError) {
        let input = TextNormalization.trimmed(raw)
        let text = TextNormalization.trimmed(TextNormalization.halfWidth(raw))
        guard !text.isEmpty else { throw .empty }
        let (body, markedExtension) = Self.splitExtension(text)
        guard body.allSatisfy(Self.isPermitted),
              markedExtension == nil || body.contains(where: { $0.isASCII && $0.isNumber })
        else { throw .invalidCharacters(input) }
        let extensionDigits = try markedExtension.map { (marked) throws(PhoneNumberError) in
            try Self.extensionDigits(marked, input: input)
        }
        do {
            try self.init(body: body, extensionNumber: extensionDigits, input: input)
        } catch {
            guard extensionDigits == nil, let (main, suffix) = Self.splitTrailingDash(body),
                  let landline = try? PhoneNumber(body: main, extensionNumber: suffix, input: input),
                  landline.kind == .landline
            else { throw error }
            self = landline
        }
    }

    /// The ``normalized`` form of `raw`, or nil when it is not a valid phone number.
    ///
    /// ```swift
    /// PhoneNumber.normalize("0086 138-0013-8000") // "+8613800138000"
    /// PhoneNumber.normalize("abc")                // nil
    /// ```
    public static func normalize(_ raw: String) -> String? {
        try? PhoneNumber(parsing: raw).normalized
    }

    private init(body: Substring, extensionNumber: String?, input: String) throws(PhoneNumberError) {
        var compact = ""
        for character in body where !Self.isSeparator(character) {
            guard character == "+" ? compact.isEmpty : (character.isASCII && character.isNumber) else {
                throw .invalidCharacters(input)
            }
            compact.append(character)
        }
        let international = compact.first == "+"
        let digits = international ? String(compact.dropFirst()) : compact
        guard !digits.isEmpty else { throw .unknownFormat(input) }
        let (kind, normalized): (Kind, String)
        if international {
            (kind, normalized) = try Self.afterInternationalPrefix(digits, input: input)
        } else if digits.hasPrefix("00") {
            (kind, normalized) = try Self.afterInternationalPrefix(String(digits.dropFirst(2)), input: input)
        } else if digits.hasPrefix("86"), let chinese = try? Self.chinese(String(digits.dropFirst(2)), input: input) {
            (kind, normalized) = chinese
        } else {
            (kind, normalized) = try Self.domestic(digits, input: input)
        }
        if kind == .mobile, extensionNumber != nil { throw .unexpectedExtension(input) }
        self.kind = kind
        self.normalized = normalized
        self.extensionNumber = extensionNumber
    }

    // MARK: - Classification

    /// Digits after `+` or `00`.
    private static func afterInternationalPrefix(_ digits: String, input: String) throws(PhoneNumberError) -> (Kind, String) {
        if digits.hasPrefix("86") { return try chinese(String(digits.dropFirst(2)), input: input) }
        guard digits.first != "0" else { throw .unknownFormat(input) }
        guard (8...15).contains(digits.count) else {
            throw .wrongLength(input, digits: digits.count, expected: .international)
        }
        return (.international, "+" + digits)
    }

    /// Digits after the country code 86: a mobile, or a landline with or without its trunk 0.
    private static func chinese(_ national: String, input: String) throws(PhoneNumberError) -> (Kind, String) {
        guard !national.isEmpty else { throw .unknownFormat(input) }
        if national.hasPrefix("0") || (national.hasPrefix("1") && !national.hasPrefix("10")) {
            return try domestic(national, input: input)
        }
        return try domestic("0" + national, input: input)
    }

    /// A number as dialled inside China: a mobile or `0` + area code + local number.
    private static func domestic(_ digits: String, input: String) throws(PhoneNumberError) -> (Kind, String) {
        let chars = Array(digits)
        guard let first = chars.first else { throw .unknownFormat(input) }
        switch first {
        case "1":
            guard chars.count == 11 else { throw .wrongLength(input, digits: chars.count, expected: .mobile) }
            guard ("3"..."9").contains(chars[1]) else { throw .unknownFormat(input) }
            return (.mobile, "+86" + digits)
        case "0":
            guard chars.count > 2 else { throw .wrongLength(input, digits: chars.count, expected: .landline) }
            let areaLength: Int
            if chars[1] == "2" || (chars[1] == "1" && chars[2] == "0") {
                areaLength = 3
            } else if ("3"..."9").contains(chars[1]) {
                areaLength = 4
            } else {
                throw .unknownFormat(input)
            }
            let local = chars.dropFirst(areaLength)
            guard (7...8).contains(local.count) else {
                throw .wrongLength(input, digits: chars.count, expected: .landline)
            }
            guard local.first != "0" else { throw .unknownFormat(input) }
            return (.landline, "+86" + digits.dropFirst())
        default:
            if (7...8).contains(chars.count) { throw .missingAreaCode(input) }
            throw .unknownFormat(input)
        }
    }

    // MARK: - Extensions and separators

    /// Extension markers, longest first where one begins another.
    private static let extensionMarkers = [";ext=", "ext.", "ext", "分机", "转", "x", "#"]

    /// Splits at the first extension marker: the number part and the text after the marker.
    private static func splitExtension(_ text: String) -> (Substring, Substring?) {
        // The usual case — digits, spaces, `+-().` — holds no marker: nothing to look for.
        if text.utf8.allSatisfy({ (0x30...0x39).contains($0) || $0 == 0x20 || $0 == 0x2B || $0 == 0x2D || $0 == 0x28 || $0 == 0x29 || $0 == 0x2E }) {
            return (text[...], nil)
        }
        let lowered = text.lowercased()
        var index = lowered.startIndex
        while index < lowered.endIndex {
            let rest = lowered[index...]
            // `starts(with:)` compares characters (Foundation's `hasPrefix` on a Substring goes
            // through NSString, once per position and marker).
            if let marker = extensionMarkers.first(where: { rest.starts(with: $0) }) {
                return (lowered[..<index], rest.dropFirst(marker.count))
            }
            index = lowered.index(after: index)
        }
        return (lowered[...], nil)
    }

    private static func extensionDigits(_ text: Substring, input: String) throws(PhoneNumberError) -> String {
        let digits = text.filter { !isSeparator($0) }
        guard (1...6).contains(digits.count), digits.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw .invalidExtension(input)
        }
        return digits
    }

    /// `0571-88886666-123` → (`0571-88886666`, `123`) when the last `-` is followed by 1–6 digits.
    private static func splitTrailingDash(_ body: Substring) -> (Substring, String)? {
        guard let dash = body.lastIndex(where: { $0 == "-" || ("\u{2010}"..."\u{2015}").contains($0) })
        else { return nil }
        let suffix = body[body.index(after: dash)...].filter { !$0.isWhitespace }
        guard (1...6).contains(suffix.count), suffix.allSatisfy({ $0.isASCII && $0.isNumber }),
              body[..<dash].contains(where: { $0.isNumber })
        else { return nil }
        return (body[..<dash], suffix)
    }

    static func isSeparator(_ character: Character) -> Bool {
        character.isWhitespace || "-.()（）".contains(character) || ("\u{2010}"..."\u{2015}").contains(character)
    }

    /// Characters that may appear in the number part: digits, separators and `+`.
    static func isPermitted(_ character: Character) -> Bool {
        (character.isASCII && character.isNumber) || character == "+" || isSeparator(character)
    }

    // MARK: - Presentation

    /// The country calling code without `+`: `"86"`, `"1"`, `"44"`.
    public var countryCode: String {
        let digits = normalized.dropFirst()
        if kind != .international { return "86" }
        let length = Self.oneDigitCodes.contains(String(digits.prefix(1))) ? 1
            : Self.twoDigitCodes.contains(String(digits.prefix(2))) ? 2 : 3
        return String(digits.prefix(length))
    }

    private static let oneDigitCodes: Set<String> = ["1", "7"]
    private static let twoDigitCodes: Set<String> = [
        "20", "27", "30", "31", "32", "33", "34", "36", "39", "40", "41", "43", "44", "45", "46", "47",
        "48", "49", "51", "52", "53", "54", "55", "56", "57", "58", "60", "61", "62", "63", "64", "65",
        "66", "81", "82", "84", "86", "90", "91", "92", "93", "94", "95", "98",
    ]

    /// Digits after the country code (for a landline: area code without its 0, then local number).
    public var nationalNumber: String { String(normalized.dropFirst(1 + countryCode.count)) }

    /// The human form: `138 0013 8000`, `0571-8888 6666`, `010-1234 5678 转 8`, `+1 4155550123`.
    public var display: String {
        let national = Array(nationalNumber)
        switch kind {
        case .mobile:
            return "\(String(national[0..<3])) \(String(national[3..<7])) \(String(national[7...]))"
        case .landline:
            let areaLength = national.first == "1" || national.first == "2" ? 2 : 3
            let local = national[areaLength...]
            let split = local.startIndex + local.count - 4
            let text = "0\(String(national[..<areaLength]))-\(String(local[..<split])) \(String(local[split...]))"
            return extensionNumber.map { "\(text) 转 \($0)" } ?? text
        case .international:
            let text = "+\(countryCode) \(nationalNumber)"
            return extensionNumber.map { "\(text) ext. \($0)" } ?? text
        }
    }

    /// The same as ``display``.
    public var description: String { display }

    // MARK: - Codable

    /// Decodes the string written by ``encode(to:)`` (any spelling ``init(parsing:)`` accepts).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            try self.init(parsing: text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.description)
        }
    }

    /// Encodes as one string: ``normalized``, plus `;ext=NNN` when there is an extension.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(normalized + (extensionNumber.map { ";ext=\($0)" } ?? ""))
    }
}
