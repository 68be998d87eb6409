/// What the keys pressed so far mean in a context.
public enum KeyMatch: Hashable, Sendable {
    /// The keys run this action.
    case matched(KeyAction)
    /// The keys begin a longer binding, such as `g` before `gg`: wait for the next key.
    case pending
    /// The keys mean nothing here; in a text-entry context a printable key is typed instead.
    case unbound

    /// The matched action's name, or `nil`.
    public var actionName: String? {
        if case .matched(let action) = self { action.name } else { nil }
    }
}
