/// Prints a keymap in the `keymap.conf` grammar, one block per context; backs `clew keys --dump`
/// and wrote the repository's `keymap.conf`. Parsing the output gives back the same bindings.
public enum KeymapDump {
    /// The whole keymap as file text, with a header explaining the grammar.
    public static func render(_ keymap: Keymap) -> String {
        var lines = header
        for context in KeyContext.allCases {
            let bindings = keymap.bindings(in: context)
            guard !bindings.isEmpty else { continue }
            lines += ["", "# \(context.title) (\(context.rawValue)): \(summary(context))"]
            let keyWidth = bindings.map { KeyNotation.format($0.keys).count }.max() ?? 0
            let actionWidth = bindings.map(\.action.count).max() ?? 0
            for binding in bindings {
                lines.append(line(binding, keyWidth: keyWidth, actionWidth: actionWidth))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// One `bind` line, such as `bind board r grade -- "Grade the lead"`.
    public static func line(_ binding: KeyBinding, keyWidth: Int = 0, actionWidth: Int = 0) -> String {
        let key = KeyNotation.format(binding.keys)
        var text = "bind \(binding.context.rawValue) \(padded(key, keyWidth)) "
        guard let help = binding.help else { return text + binding.action }
        text += padded(binding.action, actionWidth)
        let escaped = help.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        return text + " -- \"\(escaped)\""
    }

    // MARK: - Private

    private static func padded(_ text: String, _ width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - text.count))
    }

    private static let header = [
        "# Clew key bindings.",
        "#",
        "#   bind <context>[,<context>…] <key> <action> [-- \"help text\"]",
        "#   unbind <context>[,<context>…] <key>",
        "#",
        "# Put your changes in $XDG_CONFIG_HOME/clew/keymap.conf (or ~/.config/clew/keymap.conf);",
        "# they are read over these defaults. A key is looked up in the current context, then in",
        "# generic (except in search, form and prompt, where other keys are typed as text).",
        "#",
        "# Keys: j J gg <Enter> <Esc> <Tab> <BackTab> <Up> <Down> <Left> <Right> <PgUp> <PgDn>",
        "#   <Home> <End> <Backspace> <Del> <Ins> <Space> <F1>…<F12> <C-x> <M-x>,",
        "#   <Hash> for the # key (# starts a comment) and <Lt> for <.",
        "# Keys that share a first key must have the same length: with gg bound, g alone cannot be.",
        "# `clew keys --dump` prints the keymap in effect.",
    ]

    private static func summary(_ context: KeyContext) -> String {
        switch context {
        case .generic: "everywhere unless a context binds the key itself"
        case .board: "keys act on the focused card"
        case .detail: "keys act on the open lead"
        case .inbox: "tasks, assignments to confirm, approvals"
        case .screening: "new leads waiting for a grade and an owner"
        case .search: "typing edits the query"
        case .form: "typing fills the field"
        case .prompt: "the : and / line"
        case .help: "the ? screen"
        case .pools: "lead pools"
        case .dashboard: "the sales dashboard: range, period, scope; Enter lists the leads behind a row"
        case .customers: "customers (screen to come)"
        case .receivables: "receivables (screen to come)"
        case .tickets: "service tickets (screen to come)"
        }
    }
}
