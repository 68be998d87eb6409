import CNCursesW

/// Sets up the C locale for ncursesw before `initscr`: ncursesw draws wide characters and decodes
/// UTF-8 input only under a UTF-8 codeset.
///
/// Over SSH the client's `LANG` (say `en_US.UTF-8`) is often not installed on the server; then
/// `setlocale(LC_ALL, "")` yields `C`, CJK cells come out blank and input is mangled. This falls
/// back to `C.UTF-8` (then `C.utf8`) and says so.
public enum TerminalLocale {
    /// What ``configure(environment:)`` did.
    public struct Outcome: Hashable, Sendable {
        /// The locale finally in effect (`setlocale(LC_ALL, nil)`).
        public var locale: String
        /// The codeset of that locale (`nl_langinfo(nl_item(CODESET))`), like `UTF-8` or `ANSI_X3.4-1968`.
        public var codeset: String
        /// Whether the codeset is UTF-8.
        public var isUTF8: Bool
        /// A message for the user when the environment's locale could not be used as it is, or
        /// when no UTF-8 locale could be set; `nil` when all is well.
        public var warning: String?
    }

    /// Calls `setlocale(LC_ALL, "")` and, when the codeset is not UTF-8, tries `C.UTF-8` and
    /// `C.utf8`. Process-wide: call once, before any curses call.
    public static func configure(environment: [String: String]) -> Outcome {
        let requested = environment["LC_ALL"].flatMap { $0.isEmpty ? nil : $0 }
            ?? environment["LC_CTYPE"].flatMap { $0.isEmpty ? nil : $0 }
            ?? environment["LANG"].flatMap { $0.isEmpty ? nil : $0 }
            ?? "(unset)"
        _ = setlocale(LC_ALL, "")
        if isUTF8(codeset()) { return outcome(warning: nil) }
        for fallback in ["C.UTF-8", "C.utf8"] where setlocale(LC_ALL, fallback) != nil {
            if isUTF8(codeset()) {
                return outcome(warning: "Locale \(requested) is not a UTF-8 locale installed on this machine; "
                               + "using \(fallback) instead.")
            }
        }
        _ = setlocale(LC_ALL, "")
        return outcome(warning: "No UTF-8 locale is available (LANG=\(requested)); Chinese text and "
                       + "box lines will not display correctly. Install a UTF-8 locale such as C.UTF-8.")
    }

    /// Whether a codeset name means UTF-8 (`UTF-8`, `utf8`, …).
    public static func isUTF8(_ codeset: String) -> Bool {
        codeset.uppercased().filter { $0 != "-" && $0 != "_" } == "UTF8"
    }

    private static func codeset() -> String {
        guard let name = nl_langinfo(nl_item(CODESET)) else { return "" }
        return String(cString: name)
    }

    private static func outcome(warning: String?) -> Outcome {
        let locale = setlocale(LC_ALL, nil).map { String(cString: $0) } ?? "C"
        let codeset = codeset()
        return Outcome(locale: locale, codeset: codeset, isUTF8: isUTF8(codeset), warning: warning)
    }
}
