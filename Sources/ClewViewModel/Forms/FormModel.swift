import ClewDomain

/// An open form: fields, focus, inline messages. Text editing keys come straight here; the
/// keymap's `form` context maps next/previous field, submit and cancel.
public final class FormModel {
    public private(set) var kind: FormKind
    /// The interface language, for the form's own messages (the vague-note warning).
    public var language: Language = .en
    public let title: String
    public private(set) var fields: [FormField]
    public private(set) var focus = 0
    /// A message about the whole form (a refused submission).
    public var formError: String?
    /// A lead the form's data duplicates, offered to open.
    public var duplicateOf: String?

    public init(kind: FormKind, title: String, fields: [FormField]) {
        self.kind = kind
        self.title = title
        self.fields = fields
    }

    public var focusedField: FormField? { fields.indices.contains(focus) ? fields[focus] : nil }

    /// The value of field `key`, trimmed; nil when blank.
    public func value(_ key: String) -> String? {
        guard let field = fields.first(where: { $0.key == key }) else { return nil }
        let text = TextNormalization.trimmed(field.value)
        return text.isEmpty ? nil : text
    }

    // MARK: - Editing

    public func type(_ character: Character) {
        guard fields.indices.contains(focus) else { return }
        if fields[focus].isClosedChoice {
            // The value stays one of the choices: a letter picks, anything else is ignored.
            guard fields[focus].pickChoice(startingWith: character) else { return }
        } else {
            fields[focus].insert(character)
        }
        afterEdit()
    }

    /// A readline-style edit of the focused field (closed choice fields only cycle with ←/→).
    public func edit(_ lineEdit: LineEdit) {
        switch lineEdit {
        case let .insert(character): type(character)
        case .left: moveCursor(by: -1)
        case .right: moveCursor(by: 1)
        default:
            guard fields.indices.contains(focus), !fields[focus].isClosedChoice else { return }
            edit { $0.edit(lineEdit) }
        }
    }

    public func deleteBackward() { edit { if !$0.isClosedChoice { $0.deleteBackward() } } }
    public func deleteForward() { edit { if !$0.isClosedChoice { $0.deleteForward() } } }
    public func moveCursor(by delta: Int) { edit { $0.cycleChoiceOrMove(by: delta) } }

    public func nextField() { focus = fields.isEmpty ? 0 : (focus + 1) % fields.count }
    public func previousField() { focus = fields.isEmpty ? 0 : (focus - 1 + fields.count) % fields.count }
    public func focus(key: String) { if let index = fields.firstIndex(where: { $0.key == key }) { focus = index } }

    private func edit(_ change: (inout FormField) -> Void) {
        guard fields.indices.contains(focus) else { return }
        change(&fields[focus])
        afterEdit()
    }

    private func afterEdit() {
        formError = nil
        duplicateOf = nil
        if case .followUp = kind, let index = fields.firstIndex(where: { $0.key == "content" }) {
            let content = fields[index].value
            fields[index].warning = !content.isEmpty && FollowUpQuality.isVague(content)
                ? Localizer(language)("warning.vague") : nil
        }
    }

    // MARK: - Validation

    /// Marks required fields that are blank; true when none are.
    public func checkRequired() -> Bool {
        var ok = true
        for index in fields.indices where fields[index].required && value(fields[index].key) == nil {
            fields[index].error = "required"
            ok = false
        }
        if !ok, let first = fields.firstIndex(where: { $0.error != nil }) { focus = first }
        return ok
    }

    /// Shows `message` under field `key` and focuses it.
    public func setError(_ message: String, on key: String) {
        guard let index = fields.firstIndex(where: { $0.key == key }) else { formError = message; return }
        fields[index].error = message
        focus = index
    }

    /// The form's values, for saving a draft.
    /// Remembers every field's value as the one the form started from (an edit form).
    func recordBase() {
        for index in fields.indices { fields[index].base = fields[index].value }
    }

    /// Merges another user's save into this stale edit form (``ClewDomain/FieldMerge``): fields
    /// the user left alone take `theirs`, typed fields stay, every field the other user changed
    /// is marked (with their value when it differs from the user's), and the form is based on
    /// `version` from now on, ready to submit. Returns the merges by field key.
    @discardableResult
    func mergeStale(theirs: [String: String], version: Int, changedBy: String) -> [String: FieldMerge] {
        guard case let .editLead(number, _) = kind else { return [:] }
        var merges: [String: FieldMerge] = [:]
        for index in fields.indices {
            let field = fields[index]
            let other = theirs[field.key] ?? ""
            let merge = FieldMerge.decide(base: field.base ?? field.value, mine: field.value, theirs: other)
            merges[field.key] = merge
            fields[index].value = merge.value(mine: field.value)
            fields[index].cursor = fields[index].value.count
            fields[index].base = other
            fields[index].warning = switch merge {
            case .theirs, .same: language == .zh ? "\(changedBy) 刚改过这一项" : "changed by \(changedBy)"
            case let .conflict(value): language == .zh ? "\(changedBy) 改成了「\(value)」，保留了你的输入" : "\(changedBy) saved “\(value)”; yours is kept"
            case .unchanged, .mine: nil
            }
        }
        kind = .editLead(number: number, version: version)
        return merges
    }

    public var draft: FormDraft { FormDraft(kind: kind, title: title, fields: fields) }

    /// Restores a saved draft.
    public convenience init(draft: FormDraft) {
        self.init(kind: draft.kind, title: draft.title, fields: draft.fields)
    }
}

/// An unfinished form, kept when the terminal goes away and offered again next time.
public struct FormDraft: Hashable, Sendable, Codable {
    public var kind: FormKind
    public var title: String
    public var fields: [FormField]
}

extension FormField {
    /// ←/→: a closed choice cycles; an open one cycles while its value is blank or one of the
    /// choices, and moves the cursor through text the user typed.
    mutating func cycleChoiceOrMove(by delta: Int) {
        if !choices.isEmpty && (!acceptsOtherText || value.isEmpty || choices.contains(value)) {
            cycleChoice(by: delta)
        } else {
            moveCursor(by: delta)
        }
    }
}
