/// One field of a form: a line of text, optionally limited to choices.
public struct FormField: Hashable, Sendable, Codable {
    /// The key the submit handler reads (`customer`, `reason`, …).
    public var key: String
    public var label: String
    public var value: String
    public var required: Bool
    /// When not empty, the value is offered from these: ←/→ cycle through them, and typing a
    /// letter picks the next one that starts with it. Unless ``acceptsOtherText``, the value is
    /// always one of them and other typing is ignored.
    public var choices: [String]
    /// The choices are suggestions and any text may be typed instead (a lost reason in the
    /// user's words, a rep who is not among the suggested ones).
    public var acceptsOtherText: Bool
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

    public init(key: String, label: String, value: String = "", required: Bool = false, choices: [String] = [],
                acceptsOtherText: Bool = false, placeholder: String = "") {
        self.key = key
        self.label = label
        self.value = value
        self.required = required
        self.choices = choices
        self.acceptsOtherText = acceptsOtherText
        self.placeholder = placeholder
        cursor = value.count
    }

    /// True when the value can only be one of ``choices``: typing picks, it never inserts.
    public var isClosedChoice: Bool { !choices.isEmpty && !acceptsOtherText }

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

    /// Typing `character` into a closed choice: the next choice after the current one whose
    /// stored value or shown label starts with it (`p` → `phone`, `电` → `电话`), wrapping
    /// around; false, and nothing changes, when none does.
    mutating func pickChoice(startingWith character: Character) -> Bool {
        let typed = String(character).lowercased()
        let start = choices.firstIndex(of: value) ?? -1
        let order = (1...choices.count).map { (start + $0 + choices.count) % choices.count }
        guard let index = order.first(where: { index in
            let choice = choices[index]
            return !choice.isEmpty && (choice.lowercased().hasPrefix(typed) || choiceLabel(choice).lowercased().hasPrefix(typed))
        }) else { return false }
        value = choices[index]
        cursor = value.count
        error = nil
        return true
    }

    mutating func cycleChoice(by delta: Int) {
        guard !choices.isEmpty else { return moveCursor(by: delta) }
        let index = choices.firstIndex(of: value) ?? (delta > 0 ? -1 : 0)
        value = choices[(index + delta + choices.count) % choices.count]
        cursor = value.count
        error = nil
    }
}

extension FormField {
    private enum CodingKeys: String, CodingKey {
        case key, label, value, required, choices, acceptsOtherText, choiceNames, placeholder, error, warning, cursor, base
    }

    /// Decodes a saved draft; one saved before ``acceptsOtherText`` existed reads it as false,
    /// so an unfinished form survives an upgrade.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        key = try container.decode(String.self, forKey: .key)
        label = try container.decode(String.self, forKey: .label)
        value = try container.decode(String.self, forKey: .value)
        required = try container.decode(Bool.self, forKey: .required)
        choices = try container.decode([String].self, forKey: .choices)
        acceptsOtherText = try container.decodeIfPresent(Bool.self, forKey: .acceptsOtherText) ?? false
        choiceNames = try container.decodeIfPresent([String: String].self, forKey: .choiceNames)
        placeholder = try container.decode(String.self, forKey: .placeholder)
        error = try container.decodeIfPresent(String.self, forKey: .error)
        warning = try container.decodeIfPresent(String.self, forKey: .warning)
        cursor = try container.decode(Int.self, forKey: .cursor)
        base = try container.decodeIfPresent(String.self, forKey: .base)
    }
}
