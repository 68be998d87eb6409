/// One field of a form: a line of text, optionally limited to choices.
public struct FormField: Hashable, Sendable, Codable {
    /// The key the submit handler reads (`customer`, `reason`, …).
    public var key: String
    public var label: String
    public var value: String
    public var required: Bool
    /// When not empty, the value is one of these (←/→ or typing cycles through them).
    public var choices: [String]
    /// How a choice is shown, when that differs from the value stored (`phone` shown as `电话`).
    public var choiceNames: [String: String]?
    /// A hint shown when the field is empty (`2026-11-26, tomorrow, +2d`).
    public var placeholder: String
    /// The inline validation message, if any.
    public var error: String?
    /// The inline warning, if any (a vague note).
    public var warning: String?
    /// The text cursor, in characters.
    public var cursor: Int
    /// The value the form started from, for an edit form (what a stale-edit merge compares with).
    public var base: String?

    public init(key: String, label: String, value: String = "", required: Bool = false, choices: [String] = [], placeholder: String = "") {
        self.key = key
        self.label = label
        self.value = value
        self.required = required
        self.choices = choices
        self.placeholder = placeholder
        cursor = value.count
    }

    /// Applies a readline-style edit; a change to the text clears the inline error.
    mutating func edit(_ edit: LineEdit) {
        edit.apply(to: &value, cursor: &cursor)
        if edit.changesText { error = nil }
    }

    mutating func insert(_ character: Character) { edit(.insert(character)) }

    mutating func deleteBackward() { edit(.deleteBackward) }

    mutating func deleteForward() { edit(.deleteForward) }

    mutating func moveCursor(by delta: Int) { cursor = min(max(cursor + delta, 0), value.count) }

    /// The label shown for the choice `value`.
    public func choiceLabel(_ value: String) -> String { choiceNames?[value] ?? value }

    mutating func cycleChoice(by delta: Int) {
        guard !choices.isEmpty else { return moveCursor(by: delta) }
        let index = choices.firstIndex(of: value) ?? (delta > 0 ? -1 : 0)
        value = choices[(index + delta + choices.count) % choices.count]
        cursor = value.count
        error = nil
    }
}
