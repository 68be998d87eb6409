import ClewDomain

/// Colour words in theme files: `default`, the eight names and their `bright` forms (`brightred`
/// or `bright-red`), `colorN` or a bare `N` for palette entry 0–255, and `#rrggbb`.
public enum ThemeColor {
    /// The eight basic colour names, palette entries 0–7; `bright` plus a name is 8–15.
    public static let names = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"]

    /// The colour a word names, or `nil` (see `problem(with:)` for why).
    public static func parse(_ word: String) -> TerminalColor? {
        let text = word.lowercased()
        if text == "default" { return .default }
        if let index = names.firstIndex(of: text) { return .palette(index) }
        for prefix in ["bright-", "bright"] where text.hasPrefix(prefix) {
            if let index = names.firstIndex(of: String(text.dropFirst(prefix.count))) { return .palette(index + 8) }
        }
        if text == "gray" || text == "grey" { return .palette(8) }
        if let number = paletteNumber(text), (0...255).contains(number) { return .palette(number) }
        if text.hasPrefix("#"), text.count == 7, text.dropFirst().allSatisfy(\.isHexDigit),
           let value = UInt32(text.dropFirst(), radix: 16) {
            return .rgb(UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF))
        }
        return nil
    }

    /// Why `word` is not a colour, with a suggestion where one is close.
    public static func problem(with word: String) -> String {
        let text = word.lowercased()
        if let number = paletteNumber(text) { return "colour number \(number) is out of range 0–255" }
        if text.hasPrefix("#") { return "bad colour '\(word)': write #rrggbb with six hex digits" }
        return "unknown colour '\(word)'" + Suggestion.hint(for: text, in: allNames)
    }

    /// Every colour name, for suggestions.
    public static var allNames: [String] {
        ["default"] + names + names.map { "bright" + $0 }
    }

    private static func paletteNumber(_ text: String) -> Int? {
        let digits = text.hasPrefix("color") ? String(text.dropFirst(5)) : text
        guard !digits.isEmpty, digits.count <= 6, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber) else {
            return nil
        }
        return Int(digits)
    }
}
