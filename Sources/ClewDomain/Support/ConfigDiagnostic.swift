/// A problem on one line of a configuration file (keymap, theme, process definition). The line
/// is skipped; the rest of the file still loads.
///
/// ```swift
/// diagnostic.description // "keymap.conf:12: unknown action 'grdae'; did you mean 'grade'?"
/// ```
public struct ConfigDiagnostic: UserFacingError, Hashable {
    /// The file as the user would name it, such as `~/.config/clew/keymap.conf`.
    public var file: String
    /// The 1-based line number (0 when the file could not be read at all).
    public var line: Int
    /// The word that was wrong, such as `grdae`; the command word when arguments are missing.
    public var token: String
    /// What was wrong and, where possible, what was meant.
    public var message: String

    /// Records a problem.
    public init(file: String, line: Int, token: String, message: String) {
        self.file = file
        self.line = line
        self.token = token
        self.message = message
    }

    /// `file:line: message`, the form compilers and tig use.
    public var description: String { "\(file):\(line): \(message)" }
}
