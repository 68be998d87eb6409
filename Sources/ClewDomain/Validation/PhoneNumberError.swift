/// Why a phone number could not be read. Each case carries the input as typed (trimmed) so the
/// message can quote it.
///
/// ```swift
/// do { _ = try PhoneNumber(parsing: "138001380") } catch { print(error) }
/// // phone "138001380" has 9 digits; a Chinese mobile has 11 (e.g. 13800138000)
/// ```
public enum PhoneNumberError: UserFacingError, Equatable, Hashable {
    /// Nothing was entered (or only white space).
    case empty
    /// Letters or symbols other than digits, separators, a leading `+` and an extension marker.
    case invalidCharacters(String)
    /// The digits are of the kind `expected` but there are too few or too many of them.
    case wrongLength(String, digits: Int, expected: PhoneNumber.Kind)
    /// A local landline number (7–8 digits) without its area code.
    case missingAreaCode(String)
    /// The part after `转`/`ext`/`x`/`#` is not 1 to 6 digits.
    case invalidExtension(String)
    /// A mobile number was given an extension.
    case unexpectedExtension(String)
    /// Digits that form no known kind of number (e.g. `12800138000`, `0131234567`).
    case unknownFormat(String)

    // MARK: - Messages

    /// A message a sales rep can act on, quoting the input.
    public var description: String {
        switch self {
        case .empty:
            return "the phone number is empty; enter a mobile (13800138000) or a landline with its "
                + "area code (0571-8888 6666)"
        case let .invalidCharacters(input):
            let shown = Self.offendingCharacters(in: input).map { "\"\($0)\"" }.joined(separator: ", ")
            return "phone \"\(input)\" contains \(shown); use digits, spaces, \"-\", \"(\", \")\", "
                + "a leading \"+\", and 转, ext, x or # before an extension"
        case let .wrongLength(input, digits, .mobile):
            return "phone \"\(input)\" has \(digits) digits; a Chinese mobile has 11 (e.g. 13800138000)"
        case let .wrongLength(input, digits, .landline):
            return "phone \"\(input)\" has \(digits) digits; a landline has 10 to 12 digits including "
                + "its area code (e.g. 0571-8888 6666 or 010-1234 5678)"
        case let .wrongLength(input, digits, .international):
            return "phone \"\(input)\" has \(digits) digits; an international number has 8 to 15 "
                + "digits including the country code (e.g. +44 20 7946 0958)"
        case let .missingAreaCode(input):
            return "phone \"\(input)\" has no area code; add it in front, e.g. 0571-8888 6666"
        case let .invalidExtension(input):
            return "phone \"\(input)\" has an extension that is not 1 to 6 digits; write it like "
                + "0571-8888 6666 转 123"
        case let .unexpectedExtension(input):
            return "phone \"\(input)\" is a mobile, and mobiles have no extension; remove the part "
                + "after 转, ext, x or #"
        case let .unknownFormat(input):
            let digits = TextNormalization.halfWidth(input).filter { $0.isASCII && $0.isNumber }
            if digits.count == 11, digits.first == "1" {
                return "phone \"\(input)\" is not a Chinese mobile: mobiles start with 13 to 19 "
                    + "(e.g. 13800138000)"
            }
            return "phone \"\(input)\" is not a number Clew recognises; enter a mobile (13800138000), "
                + "a landline with its area code (0571-8888 6666) or + and a country code "
                + "(+1 415 555 0123)"
        }
    }

    /// The distinct characters of `input` that can never be part of a phone number (at most 3).
    private static func offendingCharacters(in input: String) -> [Character] {
        var found: [Character] = []
        for character in TextNormalization.halfWidth(input) where !PhoneNumber.isPermitted(character) {
            if !found.contains(character) { found.append(character) }
            if found.count == 3 { break }
        }
        return found
    }
}
