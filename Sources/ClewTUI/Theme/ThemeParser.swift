import ClewDomain

/// Reads the theme grammar (DESIGN §9), collecting problems instead of stopping at one:
///
/// ```
/// # comment
/// color card-focus black yellow bold
/// color sla.overdue #ff5f5f default bold   # trailing comment
/// ```
///
/// `color <element> <fg> <bg> [bold|underline|reverse|dim|italic]…`. A `#` at the start of a
/// word begins a comment unless the word is a hex colour (`#ff00aa`). Each bad line yields a
/// `ThemeDiagnostic` with "did you mean" for misspelt elements, colours and attributes, and is
/// skipped; setting one element twice in a file is reported and the first line kept.
public enum ThemeParser {
    /// The attribute words, in the order `color` lines write them.
    public static let attributeNames = ["bold", "underline", "reverse", "dim", "italic"]

    /// Parses `text`; `file` names it in diagnostics. Rules are applied over `base`, so a user's
    /// file need only name what it changes.
    public static func parse(_ text: String, file: String, base: Theme = Theme()) -> (theme: Theme, diagnostics: [ThemeDiagnostic]) {
        var theme = base
        var diagnostics: [ThemeDiagnostic] = []
        var firstLine: [String: Int] = [:]
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let number = index + 1
            func report(_ token: String, _ message: String) {
                diagnostics.append(ThemeDiagnostic(file: file, line: number, token: token, message: message))
            }
            let words = self.words(of: String(line))
            guard let command = words.first else { continue }
            guard command == "color" else {
                report(command, "unknown command '\(command)'" + Suggestion.hint(for: command, in: ["color"]))
                continue
            }
            guard words.count >= 4 else {
                report(command, "missing arguments: expected 'color <element> <fg> <bg> [bold|underline|reverse|dim|italic]…'")
                continue
            }
            let before = diagnostics.count
            let element = words[1]
            if !ThemeElement.isValid(element) {
                report(element, "unknown element '\(element)'" + Suggestion.hint(for: element, in: ThemeElement.allNames))
            }
            let foreground = ThemeColor.parse(words[2])
            if foreground == nil { report(words[2], ThemeColor.problem(with: words[2])) }
            let background = ThemeColor.parse(words[3])
            if background == nil { report(words[3], ThemeColor.problem(with: words[3])) }
            var attributes = TextAttributes(foreground: foreground ?? .default, background: background ?? .default)
            for word in words.dropFirst(4) where !apply(word, to: &attributes) {
                report(word, "unknown attribute '\(word)'" + Suggestion.hint(for: word, in: attributeNames))
            }
            if diagnostics.count == before, let first = firstLine[element] {
                report(element, "duplicate colour for '\(element)' (first set on line \(first))")
            }
            guard diagnostics.count == before else { continue }
            firstLine[element] = number
            theme.set(attributes, for: element)
        }
        return (theme, diagnostics)
    }

    // MARK: - Private

    private static func apply(_ word: String, to attributes: inout TextAttributes) -> Bool {
        switch word.lowercased() {
        case "bold": attributes.bold = true
        case "underline": attributes.underline = true
        case "reverse": attributes.reverse = true
        case "dim": attributes.dim = true
        case "italic": attributes.italic = true
        default: return false
        }
        return true
    }

    /// The words of a line up to its comment.
    private static func words(of line: String) -> [String] {
        var words: [String] = []
        for word in line.split(whereSeparator: \.isWhitespace).map(String.init) {
            if word.hasPrefix("#"), !isHexColorAttempt(word) { break }
            words.append(word)
        }
        return words
    }

    /// `#` followed only by hex digits: a colour (possibly a bad one), not a comment.
    private static func isHexColorAttempt(_ word: String) -> Bool {
        word.count > 1 && word.dropFirst().allSatisfy(\.isHexDigit)
    }
}
