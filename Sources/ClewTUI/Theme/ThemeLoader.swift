import Foundation

/// Turns a `ThemeSource` into a theme. A file is read over the built-in default theme, so it
/// need only set what it changes; problems are reported and the rest still loads.
public enum ThemeLoader {
    /// Loads `source`. `readFile` returns a file's text, or `nil` if it cannot be read.
    public static func load(
        _ source: ThemeSource,
        readFile: (String) -> String? = { path in FileManager.default.contents(atPath: path).flatMap { String(data: $0, encoding: .utf8) } }
    ) -> (theme: Theme, diagnostics: [ThemeDiagnostic]) {
        switch source {
        case .builtin(let builtin):
            return ThemeParser.parse(builtin.text, file: builtin.fileName)
        case .file(let path):
            let base = BuiltinTheme.default.theme
            guard let text = readFile(path) else {
                return (base, [ThemeDiagnostic(file: path, line: 0, token: path, message: "cannot read the theme file")])
            }
            return ThemeParser.parse(text, file: path, base: base)
        }
    }
}
