/// One line of a keymap: in `context`, pressing `keys` runs the action called `action`.
public struct KeyBinding: Hashable, Sendable {
    /// Where the binding applies.
    public var context: KeyContext
    /// The key or sequence of keys, such as `[.character("g"), .character("g")]`.
    public var keys: KeySequence
    /// The action's name in `ActionRegistry`.
    public var action: String
    /// Text from `-- "help text"`, shown on the help screen instead of the action's description.
    public var help: String?

    /// Declares a binding.
    public init(context: KeyContext, keys: KeySequence, action: String, help: String? = nil) {
        self.context = context
        self.keys = keys
        self.action = action
        self.help = help
    }
}
