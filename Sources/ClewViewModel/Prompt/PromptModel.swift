/// The one-line prompt at the bottom: the `:` command line or the `/` search.
public final class PromptModel {
    public enum Kind: Sendable { case command, search }

    public let kind: Kind
    public private(set) var text: String
    public private(set) var cursor: Int
    private let history: [String]
    private var historyIndex: Int

    public init(kind: Kind, text: String = "", history: [String] = []) {
        self.kind = kind
        self.text = text
        cursor = text.count
        self.history = history
        historyIndex = history.count
    }

    /// `:` or `/`.
    public var sigil: String { kind == .command ? ":" : "/" }

    /// Applies a readline-style edit (typing, deleting, moving the cursor).
    public func edit(_ edit: LineEdit) { edit.apply(to: &text, cursor: &cursor) }

    public func type(_ character: Character) { edit(.insert(character)) }

    public func deleteBackward() { edit(.deleteBackward) }

    public func moveCursor(by delta: Int) { cursor = min(max(cursor + delta, 0), text.count) }

    public func historyStep(_ delta: Int) {
        guard !history.isEmpty else { return }
        historyIndex = min(max(historyIndex + delta, 0), history.count)
        text = historyIndex < history.count ? history[historyIndex] : ""
        cursor = text.count
    }
}
