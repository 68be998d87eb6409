/// A titled group of keys on the `?` help screen, generated from the live keymap.
public struct KeyHelpSection: Hashable, Sendable {
    /// The heading, such as "Board" or "General".
    public var title: String
    /// The actions in registry order.
    public var entries: [KeyHelpEntry]

    /// Creates a section.
    public init(title: String, entries: [KeyHelpEntry]) {
        self.title = title
        self.entries = entries
    }
}

/// One line of the help screen: the keys, the action and what it does.
public struct KeyHelpEntry: Hashable, Sendable {
    /// Short labels of every key that runs the action here, such as `["j", "↓"]`.
    public var keys: [String]
    /// The action, with its English and Chinese descriptions.
    public var action: KeyAction
    /// The binding's own help text if it has one, else the action's description.
    public var help: String

    /// Creates an entry.
    public init(keys: [String], action: KeyAction, help: String) {
        self.keys = keys
        self.action = action
        self.help = help
    }
}
