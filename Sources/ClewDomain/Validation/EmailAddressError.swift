/// Why an e-mail address could not be read. Each case but ``empty`` carries the input as typed
/// (trimmed), which the message quotes.
///
/// ```swift
/// do { _ = try EmailAddress(parsing: "wang.example.com") } catch { print(error) }
/// // email "wang.example.com" has no @; write it like wang.wei@example.com
/// ```
public enum EmailAddressError: UserFacingError, Equatable, Hashable {
    /// Nothing was entered (or only white space).
    case empty
    /// A space inside the address.
    case containsSpaces(String)
    /// No `@`.
    case missingAt(String)
    /// More than one `@`.
    case multipleAt(String)
    /// The part before `@` is empty, too long, has a misplaced dot or a character not allowed.
    case invalidLocalPart(String)
    /// The part after `@` is not a domain such as `example.com`.
    case invalidDomain(String)

    // MARK: - Messages

    /// A message a sales rep can act on, quoting the input.
    public var description: String {
        switch self {
        case .empty:
            return "the email address is empty; enter one like wang.wei@example.com"
        case let .containsSpaces(input):
            return "email \"\(input)\" contains a space; remove it (e.g. wang.wei@example.com)"
        case let .missingAt(input):
            return "email \"\(input)\" has no @; write it like wang.wei@example.com"
        case let .multipleAt(input):
            return "email \"\(input)\" has more than one @; an address has exactly one"
        case let .invalidLocalPart(input):
            return "email \"\(input)\": \(Self.localPartProblem(input))"
        case let .invalidDomain(input):
            return "email \"\(input)\": \(Self.domainProblem(input))"
        }
    }

    private static func localPartProblem(_ input: String) -> String {
        let local = EmailAddress.halfWidthLowercased(input).split(separator: "@", omittingEmptySubsequences: false)
            .first ?? ""
        if local.isEmpty { return "nothing before the @; add the name part (e.g. wang.wei@example.com)" }
        if local.count > 64 { return "the part before the @ is longer than 64 characters" }
        if local.hasPrefix(".") || local.hasSuffix(".") || local.contains("..") {
            return "the part before the @ cannot start or end with a dot or have two dots in a row"
        }
        return "the part before the @ may only contain letters, digits, dots and "
            + "! # $ % & ' * + / = ? ^ _ ` { | } ~ -"
    }

    private static func domainProblem(_ input: String) -> String {
        let domain = EmailAddress.halfWidthLowercased(input).split(separator: "@", omittingEmptySubsequences: false)
            .last ?? ""
        if domain.isEmpty { return "nothing after the @; add the domain (e.g. example.com)" }
        if !domain.contains(".") { return "the domain \"\(domain)\" needs a dot, like example.com" }
        return "the domain \"\(domain)\" is not valid; use letters, digits and inner hyphens "
            + "between single dots, ending in a name like .com or .cn"
    }
}
