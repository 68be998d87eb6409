/// One accepted line of a keymap file, for a single context.
public enum KeymapDirective: Hashable, Sendable {
    /// `bind <context> <key> <action>`: the key now runs the action in that context.
    case bind(KeyBinding)
    /// `unbind <context> <key>`: the key no longer does anything of its own in that context.
    case unbind(context: KeyContext, keys: KeySequence)
}

/// A parsed keymap file: the lines that were accepted, in order, and the problems found.
public struct KeymapFile: Hashable, Sendable {
    /// Accepted lines; a `bind` to several contexts becomes one directive per context.
    public var directives: [KeymapDirective]
    /// Problems, in line order. Each problem line was skipped.
    public var diagnostics: [KeymapDiagnostic]

    /// Creates a parsed file.
    public init(directives: [KeymapDirective] = [], diagnostics: [KeymapDiagnostic] = []) {
        self.directives = directives
        self.diagnostics = diagnostics
    }

    /// The `bind` directives, in file order.
    public var bindings: [KeyBinding] {
        directives.compactMap { if case .bind(let binding) = $0 { binding } else { nil } }
    }
}
