/// One field of a form: a line of text, optionally limited to choices.
public struct FormField: Hashable, Sendable, Codable {
    /// The key the submit handler reads (`customer`, `reason`, …).
    public var key: String
    public var label: String
    public var value: String
    public var required: Bool
    /// When not empty, the value is one of these (←/→ or typing cycles through them).
    public var choices: [String]
    /// A hint shown when the field is empty (`2026-11-26, tomorrow, +2d`).
    public var placeholder: String
    /// The inline validation message, if any.
    public var error: String?
    /// The inline warning, if any (a vague note).
    public var warning: String?
    /// The text cursor, in characters.
    public var cursor: Int

    public init(key: String, label: String, value: String = "", required: Bool = false, choices: [String] = [], placeholder: String = "") {
        self.key = key
        self.label = label
        self.value = value
        self.required = required
        self.choices = choices
        self.placeholder = placeholder
        cursor = value.count
    }

    mutating func insert(_ character: Character) {
        var characters = Array(value)
        let at = min(max(cursor, 0), characters.count)
        characters.insert(character, at: at)
        value = String(characters)
        cursor = at + 1
        error = nil
    }

    mutating func deleteBackward() {
        var characters = Array(value)
        guard cursor > 0, cursor <= characters.count else { return }
        characters.remove(at: cursor - 1)
        value = String(characters)
        cursor -= 1
        error = nil
    }

    mutating func deleteForward() {
        var characters = Array(value)
        guard cursor < characters.count else { return }
        characters.remove(at: cursor)
        value = String(characters)
        error = nil
    }

    mutating func moveCursor(by delta: Int) { cursor = min(max(cursor + delta, 0), value.count) }

    mutating func cycleChoice(by delta: Int) {
        guard !choices.isEmpty else { return moveCursor(by: delta) }
        let index = choices.firstIndex(of: value) ?? (delta > 0 ? -1 : 0)
        value = choices[(index + delta + choices.count) % choices.count]
        cursor = value.count
        error = nil
    }
}
