import Foundation

/// Builds the keymap in effect from the defaults and the user's file.
///
/// ```swift
/// let (keymap, diagnostics) = KeymapLoader.load(text: "bind board x grade\n", file: "keymap.conf")
/// ```
public enum KeymapLoader {
    /// Parses `text` as a user keymap file named `file` and applies it over the defaults. Lines
    /// with problems are skipped and reported; everything else takes effect.
    public static func load(text: String, file: String,
                            defaults: [KeyBinding] = DefaultKeymap.bindings) -> (keymap: Keymap, diagnostics: [KeymapDiagnostic]) {
        let parsed = KeymapParser.parse(text, file: file)
        return (Keymap(defaults: defaults, overrides: parsed.directives), parsed.diagnostics)
    }

    /// Reads the user's file from `KeymapLocation` if it exists and applies it over the defaults.
    /// A file that exists but cannot be read is reported as a diagnostic on line 0.
    public static func loadUserKeymap(
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> (keymap: Keymap, diagnostics: [KeymapDiagnostic]) {
        guard let path = KeymapLocation.userFile(environment: environment),
              FileManager.default.fileExists(atPath: path) else {
            return (Keymap(), [])
        }
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            let problem = KeymapDiagnostic(file: path, line: 0, token: path, message: "cannot read the file as UTF-8 text")
            return (Keymap(), [problem])
        }
        return load(text: text, file: path)
    }
}
