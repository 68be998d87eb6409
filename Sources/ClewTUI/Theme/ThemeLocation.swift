import ClewDomain
import ClewViewModel
import Foundation

/// Where a theme comes from.
public enum ThemeSource: Hashable, Sendable {
    /// One of the shipped themes.
    case builtin(BuiltinTheme)
    /// A theme file at a path.
    case file(String)
}

/// Which theme to use: `--theme NAME|PATH`, else `$XDG_CONFIG_HOME/clew/theme` (or
/// `~/.config/clew/theme`) if it exists, else the built-in default (DESIGN §9).
public enum ThemeLocation {
    /// The user's theme file for `environment`; it need not exist.
    public static func userFile(environment: [String: String]) -> String? {
        KeymapLocation.configDirectory(environment: environment).map { $0 + "/clew/theme" }
    }

    /// Picks the theme source. `option` is the `--theme` argument: a shipped theme's name, or a
    /// path (anything with a `/`, ending in `.theme`, or naming an existing file).
    ///
    /// - Throws: `ThemeLocationError.unknownTheme` for a name that is neither, with a suggestion.
    public static func source(option: String?, environment: [String: String],
                              fileExists: (String) -> Bool = { FileManager.default.fileExists(atPath: $0) }) throws(ThemeLocationError) -> ThemeSource {
        if let option {
            if let builtin = BuiltinTheme(rawValue: option) { return .builtin(builtin) }
            if option.contains("/") || option.hasSuffix(".theme") || fileExists(option) { return .file(option) }
            let names = BuiltinTheme.allCases.map(\.rawValue)
            throw .unknownTheme(option, suggestion: Suggestion.closest(to: option, in: names))
        }
        if let path = userFile(environment: environment), fileExists(path) { return .file(path) }
        return .builtin(.default)
    }

    /// Whether `NO_COLOR` asks for no colour (set and not empty, per no-color.org).
    public static func noColorRequested(environment: [String: String]) -> Bool {
        !(environment["NO_COLOR"] ?? "").isEmpty
    }
}

/// Why `--theme` could not be honoured.
public enum ThemeLocationError: UserFacingError, Equatable {
    /// Not a shipped theme's name and not a path.
    case unknownTheme(String, suggestion: String?)

    public var description: String {
        switch self {
        case .unknownTheme(let name, let suggestion):
            let names = BuiltinTheme.allCases.map(\.rawValue).joined(separator: ", ")
            return "unknown theme '\(name)'" + (suggestion.map { "; did you mean '\($0)'?" } ?? "")
                + " (shipped themes: \(names); or give a path to a .theme file)"
        }
    }
}
