/// The keys in effect: the built-in defaults with the user's `keymap.conf` over them.
///
/// Each context has its own table, built from the defaults for that context; the user's `bind`
/// lines replace or add entries and `unbind` removes them. A key is looked up in the current
/// context's table, then in `generic`'s (unless the context is for typing text, see
/// `KeyContext.inheritsGeneric`). So a key you bind in `board` beats the same key in `generic`,
/// and a default you do not touch stays in force.
///
/// ```swift
/// let keymap = Keymap()
/// keymap.match([.character("g")], in: .board)       // .pending
/// keymap.keys(for: "grade", in: .board)              // [[.character("r")]]
/// ```
public struct Keymap: Sendable {
    /// Each context's own bindings, in order (defaults first, then additions from the user file).
    private var tables: [KeyContext: [KeyBinding]] = [:]
    /// Each context's bindings followed by the `generic` ones it inherits and does not shadow.
    private var effective: [KeyContext: [KeyBinding]] = [:]

    /// The default keymap with `overrides` (a parsed user file's directives) applied in order.
    public init(defaults: [KeyBinding] = DefaultKeymap.bindings, overrides: [KeymapDirective] = []) {
        for binding in defaults { tables[binding.context, default: []].append(binding) }
        for directive in overrides { apply(directive) }
        for context in KeyContext.allCases {
            let own = tables[context] ?? []
            var inherited: [KeyBinding] = []
            if context != .generic, context.inheritsGeneric {
                inherited = (tables[.generic] ?? []).filter { generic in
                    !own.contains { $0.keys == generic.keys || Self.conflict($0.keys, generic.keys) }
                }
            }
            effective[context] = own + inherited
        }
    }

    /// The built-in keymap.
    public static let `default` = Keymap()

    /// Whether two different key sequences cannot both be bound in one table: they share a first
    /// key but differ in length (`g` and `gg`, or `gx` and `gab`).
    public static func conflict(_ a: KeySequence, _ b: KeySequence) -> Bool {
        a.first == b.first && a.count != b.count
    }

    // MARK: - Reading

    /// The bindings written for `context` itself, without those inherited from `generic`.
    public func bindings(in context: KeyContext) -> [KeyBinding] {
        tables[context] ?? []
    }

    /// Every context's own bindings, in `KeyContext` order: what `KeymapDump` prints.
    public var allBindings: [KeyBinding] {
        KeyContext.allCases.flatMap { bindings(in: $0) }
    }

    /// The bindings that work in `context`: its own, then the `generic` ones it inherits.
    public func effectiveBindings(in context: KeyContext) -> [KeyBinding] {
        effective[context] ?? []
    }

    /// What `keys`, pressed in a row, mean in `context`.
    public func match(_ keys: KeySequence, in context: KeyContext) -> KeyMatch {
        guard !keys.isEmpty else { return .unbound }
        let bindings = effectiveBindings(in: context)
        if let binding = bindings.first(where: { $0.keys == keys }) {
            return ActionRegistry.action(named: binding.action).map(KeyMatch.matched) ?? .unbound
        }
        let isPrefix = bindings.contains { $0.keys.count > keys.count && Array($0.keys.prefix(keys.count)) == keys }
        return isPrefix ? .pending : .unbound
    }

    /// The key sequences that run `action` in `context`, in keymap order.
    public func keys(for action: String, in context: KeyContext) -> [KeySequence] {
        effectiveBindings(in: context).filter { $0.action == action }.map(\.keys)
    }

    /// The bottom bar for `context`: actions marked `shownInBar` that have a key there, the
    /// context's own actions first, each with a short label of its first key (`n`, `Enter`, `^D`).
    public func barItems(for context: KeyContext) -> [(keys: String, action: KeyAction)] {
        let available = ActionRegistry.all.filter(\.shownInBar).compactMap { action -> (keys: String, action: KeyAction)? in
            guard let first = keys(for: action.name, in: context).first else { return nil }
            return (KeyNotation.label(first), action)
        }
        return available.filter { !$0.action.contexts.contains(.generic) }
            + available.filter { $0.action.contexts.contains(.generic) }
    }

    /// The `?` screen for `context`: a section of the context's own actions, then one of the
    /// general ones (a single section for `generic` and the text-entry contexts), each entry
    /// listing every key that runs it.
    public func helpSections(for context: KeyContext) -> [KeyHelpSection] {
        let bindings = effectiveBindings(in: context)
        let entries = ActionRegistry.all.compactMap { action -> KeyHelpEntry? in
            let matching = bindings.filter { $0.action == action.name }
            guard !matching.isEmpty else { return nil }
            let help = matching.lazy.compactMap(\.help).first ?? action.description
            return KeyHelpEntry(keys: matching.map { KeyNotation.label($0.keys) }, action: action, help: help)
        }
        guard context != .generic, context.inheritsGeneric else {
            return [KeyHelpSection(title: context.title, entries: entries)].filter { !$0.entries.isEmpty }
        }
        let own = entries.filter { !$0.action.contexts.contains(.generic) }
        let general = entries.filter { $0.action.contexts.contains(.generic) }
        return [
            KeyHelpSection(title: context.title, entries: own),
            KeyHelpSection(title: KeyContext.generic.title, entries: general),
        ].filter { !$0.entries.isEmpty }
    }

    // MARK: - Private

    private mutating func apply(_ directive: KeymapDirective) {
        switch directive {
        case .bind(let binding):
            var table = tables[binding.context] ?? []
            table.removeAll { Self.conflict($0.keys, binding.keys) }
            if let index = table.firstIndex(where: { $0.keys == binding.keys }) {
                table[index] = binding
            } else {
                table.append(binding)
            }
            tables[binding.context] = table
        case .unbind(let context, let keys):
            tables[context]?.removeAll { $0.keys == keys }
        }
    }
}
