/// Feeds keys one at a time and says when they make up a binding, for sequences such as `gg`.
///
/// ```swift
/// var matcher = KeySequenceMatcher(keymap: .default)
/// matcher.feed(.character("g"), in: .board) // .pending
/// matcher.feed(.character("g"), in: .board) // .matched(first)
/// ```
public struct KeySequenceMatcher: Sendable {
    /// The keymap keys are looked up in.
    public var keymap: Keymap
    /// Keys pressed so far that begin a longer binding (for showing `g-` in the status line).
    public private(set) var pendingKeys: KeySequence = []
    private var pendingContext: KeyContext?

    /// A matcher with nothing pending.
    public init(keymap: Keymap) {
        self.keymap = keymap
    }

    /// Adds `key` to the keys pressed so far in `context` and says what they mean. A match or an
    /// unbound sequence starts afresh; changing context drops anything pending.
    public mutating func feed(_ key: Key, in context: KeyContext) -> KeyMatch {
        if pendingContext != context { pendingKeys = [] }
        let keys = pendingKeys + [key]
        let result = keymap.match(keys, in: context)
        if case .pending = result {
            pendingKeys = keys
            pendingContext = context
        } else {
            reset()
        }
        return result
    }

    /// Forgets any pending keys, as after `<Esc>` or a screen change.
    public mutating func reset() {
        pendingKeys = []
        pendingContext = nil
    }
}
