extension TextNormalization {
    /// The first characters that make Excel, WPS or LibreOffice read a cell as a formula (OWASP's
    /// CSV-injection list): `=`, `+`, `-`, `@`, tab and carriage return.
    public static let formulaTriggers: Set<Character> = ["=", "+", "-", "@", "\t", "\r", "\r\n"]

    /// A cell made inert for a spreadsheet: text starting with a formula trigger gets a leading
    /// `'`, so `=HYPERLINK(…)` or `=cmd|' /C calc'!A0` is shown as text instead of being run.
    ///
    /// ```swift
    /// TextNormalization.spreadsheetSafe("=SUM(1)")        // "'=SUM(1)"
    /// TextNormalization.spreadsheetSafe("+86 138 0013")   // "'+86 138 0013"
    /// TextNormalization.spreadsheetSafe("恒通科技")        // unchanged
    /// ```
    public static func spreadsheetSafe(_ cell: String) -> String {
        guard let first = cell.first, formulaTriggers.contains(first) else { return cell }
        return "'" + cell
    }

    /// Undoes ``spreadsheetSafe(_:)`` on a cell read back from a file: a `'` before a formula
    /// trigger is dropped, so an exported file imports as it was.
    ///
    /// ```swift
    /// TextNormalization.removingSpreadsheetGuard("'+86 138 0013")  // "+86 138 0013"
    /// TextNormalization.removingSpreadsheetGuard("'quoted'")       // unchanged
    /// ```
    public static func removingSpreadsheetGuard(_ cell: String) -> String {
        guard cell.first == "'", let second = cell.dropFirst().first, formulaTriggers.contains(second) else { return cell }
        return String(cell.dropFirst())
    }
}
