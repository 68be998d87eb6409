import ClewDomain

/// Reads the `keymap.conf` grammar (DESIGN §9), collecting problems instead of stopping at one:
///
/// ```
/// # comment
/// bind board,detail r grade -- "Grade the lead"
/// unbind board q
/// ```
///
/// Each bad line yields a `KeymapDiagnostic` (unknown command, context, key or action with a
/// "did you mean", missing arguments, an action bound where it does not apply, the same key bound
/// twice in one context, or a prefix conflict such as `g` beside `gg`) and is skipped.
public enum KeymapParser {
    /// The commands a line can start with.
    public static let commands = ["bind", "unbind"]

    /// Parses the text of a keymap file; `file` names it in diagnostics.
    public static func parse(_ text: String, file: String) -> KeymapFile {
        var state = State(file: file)
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            state.parse(line: String(line), number: index + 1)
        }
        return KeymapFile(directives: state.directives, diagnostics: state.diagnostics)
    }

    // MARK: - Private

    private typealias Token = KeymapTokenizer.Token

    private struct State {
        let file: String
        var directives: [KeymapDirective] = []
        var diagnostics: [KeymapDiagnostic] = []
        /// What this file has bound so far, per context, with the line of each binding.
        var bound: [KeyContext: [KeySequence: (action: String, line: Int)]] = [:]
        var number = 0

        init(file: String) { self.file = file }

        mutating func parse(line: String, number: Int) {
            self.number = number
            let tokenizer = KeymapTokenizer(line: line)
            if let unterminated = tokenizer.unterminated {
                report(unterminated, "unterminated quoted string \(unterminated)")
                return
            }
            guard let command = tokenizer.tokens.first?.text else { return }
            switch command {
            case "bind": bind(Array(tokenizer.tokens.dropFirst()), hadComment: tokenizer.hadComment)
            case "unbind": unbind(Array(tokenizer.tokens.dropFirst()), hadComment: tokenizer.hadComment)
            default:
                report(command, "unknown command '\(command)'" + Suggestion.hint(for: command, in: commands))
            }
        }

        mutating func bind(_ arguments: [Token], hadComment: Bool) {
            guard arguments.count >= 3 else {
                return missing("bind", usage: "bind <context>[,<context>…] <key> <action> [-- \"help text\"]",
                               hashHint: hadComment && arguments.count <= 2)
            }
            let errorsBefore = diagnostics.count
            let contexts = parseContexts(arguments[0].text)
            let keys = parseKeys(arguments[1].text)
            let action = parseAction(arguments[2].text)
            let help = parseHelp(Array(arguments.dropFirst(3)))
            guard diagnostics.count == errorsBefore, let keys, let action else { return }
            for context in contexts { add(KeyBinding(context: context, keys: keys, action: action.name, help: help),
                                          written: arguments[1].text, action: action) }
        }

        mutating func unbind(_ arguments: [Token], hadComment: Bool) {
            guard arguments.count >= 2 else {
                return missing("unbind", usage: "unbind <context> <key>", hashHint: hadComment)
            }
            let errorsBefore = diagnostics.count
            let contexts = parseContexts(arguments[0].text)
            let keys = parseKeys(arguments[1].text)
            if let extra = arguments.dropFirst(2).first { report(extra.text, "unexpected '\(extra.text)' after the key") }
            guard diagnostics.count == errorsBefore, let keys else { return }
            for context in contexts {
                bound[context]?[keys] = nil
                directives.append(.unbind(context: context, keys: keys))
            }
        }

        // MARK: Checks

        mutating func add(_ binding: KeyBinding, written: String, action: KeyAction) {
            let context = binding.context
            guard context == .generic ? action.contexts.contains(.generic) : action.applies(in: context) else {
                let home = action.contexts.sorted().map(\.rawValue).joined(separator: ", ")
                return report(action.name, "action '\(action.name)' does not apply in \(context.rawValue); it belongs to \(home)")
            }
            let table = bound[context] ?? [:]
            if let earlier = table[binding.keys] {
                return report(written, "duplicate binding of '\(written)' in \(context.rawValue) "
                    + "(line \(earlier.line) binds it to '\(earlier.action)')")
            }
            if let (other, earlier) = table.first(where: { Keymap.conflict($0.key, binding.keys) }) {
                return report(written, "key '\(written)' conflicts with '\(KeyNotation.format(other))' (line \(earlier.line)) "
                    + "in \(context.rawValue): keys that share a first key must have the same length")
            }
            bound[context, default: [:]][binding.keys] = (binding.action, number)
            directives.append(.bind(binding))
        }

        mutating func parseContexts(_ text: String) -> [KeyContext] {
            var contexts: [KeyContext] = []
            for name in text.split(separator: ",", omittingEmptySubsequences: false).map(String.init) {
                if let context = KeyContext(rawValue: name) {
                    if !contexts.contains(context) { contexts.append(context) }
                } else {
                    report(name, "unknown context '\(name)'" + Suggestion.hint(for: name, in: KeyContext.allCases.map(\.rawValue)))
                }
            }
            return contexts
        }

        mutating func parseKeys(_ text: String) -> KeySequence? {
            do {
                return try KeyNotation.parse(text)
            } catch {
                report(text, error.description)
                return nil
            }
        }

        mutating func parseAction(_ name: String) -> KeyAction? {
            if let action = ActionRegistry.action(named: name) { return action }
            report(name, "unknown action '\(name)'" + Suggestion.hint(for: name, in: ActionRegistry.all.map(\.name)))
            return nil
        }

        mutating func parseHelp(_ rest: [Token]) -> String? {
            guard let first = rest.first else { return nil }
            guard first.text == "--", !first.quoted else {
                report(first.text, "unexpected '\(first.text)' after the action; put help text after '--' in quotes")
                return nil
            }
            guard rest.count > 1 else {
                report("--", "missing help text after '--'")
                return nil
            }
            return rest.dropFirst().map(\.text).joined(separator: " ")
        }

        mutating func missing(_ command: String, usage: String, hashHint: Bool) {
            report(command, "missing arguments: expected '\(usage)'" + (hashHint ? "; write <Hash> for the '#' key" : ""))
        }

        mutating func report(_ token: String, _ message: String) {
            diagnostics.append(KeymapDiagnostic(file: file, line: number, token: token, message: message))
        }
    }
}
