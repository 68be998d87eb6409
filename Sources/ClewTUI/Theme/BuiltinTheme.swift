/// The themes shipped with Clew. Their text is compiled in (see `BuiltinTheme+Text.swift`) so an
/// installed binary works without the repository; the files under `themes/` are the same text.
public enum BuiltinTheme: String, CaseIterable, Hashable, Sendable {
    /// Colours for a dark terminal background.
    case `default`
    /// Colours for a light terminal background.
    case light
    /// Strong contrast and heavy attributes for low vision.
    case highContrast = "high-contrast"
    /// Attributes only, no colours: for monochrome terminals and `NO_COLOR`.
    case mono

    /// The file name under `themes/`, such as `high-contrast.theme`.
    public var fileName: String { "\(rawValue).theme" }

    /// The theme, parsed from the embedded text.
    public var theme: Theme {
        ThemeParser.parse(text, file: fileName).theme
    }
}
