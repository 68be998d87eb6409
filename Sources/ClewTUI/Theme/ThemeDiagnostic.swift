import ClewDomain

/// A problem on one line of a theme file. The line is skipped; the rest of the file still loads.
///
/// ```swift
/// diagnostic.description // "mine.theme:4: unknown colour 'rde'; did you mean 'red'?"
/// ```
public struct ThemeDiagnostic: UserFacingError, Hashable {
    /// The file as the user would name it.
    public var file: String
    /// The 1-based line number (0 when the file could not be read at all).
    public var line: Int
    /// The word that was wrong; the command word when arguments are missing.
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

    /// `file:line: message`.
    public var description: String { "\(file):\(line): \(message)" }
}
