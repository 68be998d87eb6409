import ClewDomain
import ClewServices

/// How the cells of an exported or rejects file are made safe for whoever opens it.
///
/// ```swift
/// CellSafety.spreadsheet.apply("=HYPERLINK(\"http://x\")")   // "'=HYPERLINK(\"http://x\")"
/// CellSafety.terminal.apply("a\u{1B}]0;pwned\u{07}b")       // "ab"
/// ```
public struct CellSafety: OptionSet, Sendable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }

    /// A leading `'` on cells that a spreadsheet would read as a formula (``TextNormalization/spreadsheetSafe(_:)``).
    public static let formulaGuard = CellSafety(rawValue: 1 << 0)
    /// Control characters and escape sequences removed; tabs and line breaks kept.
    public static let noEscapes = CellSafety(rawValue: 1 << 1)
    /// Everything a terminal could act on removed, line breaks flattened (output to a terminal).
    public static let terminalText = CellSafety(rawValue: 1 << 2)

    /// A file for a spreadsheet: the default of every export.
    public static let spreadsheet: CellSafety = [.formulaGuard]
    /// Output to a terminal (and still safe if pasted into a spreadsheet).
    public static let terminal: CellSafety = [.formulaGuard, .terminalText]
    /// A rejects file: read by people in a spreadsheet and imported again.
    public static let rejects: CellSafety = [.formulaGuard, .noEscapes]
    /// `--raw`: cells exactly as stored.
    public static let raw: CellSafety = []

    /// `cell` made safe.
    public func apply(_ cell: String) -> String {
        var text = cell
        if contains(.terminalText) {
            text = TextNormalization.terminalSafe(text)
        } else if contains(.noEscapes) {
            text = TextNormalization.terminalSafe(text, keepingLineBreaks: true)
        }
        return contains(.formulaGuard) ? TextNormalization.spreadsheetSafe(text) : text
    }
}
