/// The things a theme can colour: the vocabulary of `color <element> …` lines, in one place.
///
/// Names are dotted. A name may also be scoped to a screen (`board.card-focus`); see
/// `ThemeElement.fallbacks(for:)` for how a name falls back to a less specific one.
public enum ThemeElement: String, CaseIterable, Hashable, Sendable {
    case `default`
    case titleBar = "title-bar"
    case tab
    case tabActive = "tab-active"
    case statusBar = "status-bar"
    case statusError = "status-error"
    case statusWarning = "status-warning"
    case statusInfo = "status-info"
    case keyBar = "key-bar"
    case keyBarKey = "key-bar-key"
    case columnHeader = "column-header"
    case columnHeaderFocus = "column-header-focus"
    case columnCount = "column-count"
    case card
    case cardFocus = "card-focus"
    case cardSelected = "card-selected"
    case cardNumber = "card-number"
    case cardOwner = "card-owner"
    case cardAmount = "card-amount"
    /// Secondary text: hints, ages, empty states.
    case dim
    /// A heading inside a screen or dialog.
    case section
    /// The `:` and `/` line.
    case prompt
    case grade
    case gradeA = "grade.a"
    case gradeB = "grade.b"
    case gradeC = "grade.c"
    case sla
    case slaOnTime = "sla.on-time"
    case slaDueSoon = "sla.due-soon"
    case slaOverdue = "sla.overdue"
    case slaStalled = "sla.stalled"
    case detailLabel = "detail.label"
    case detailValue = "detail.value"
    case timelineDate = "timeline.date"
    case timelineNote = "timeline.note"
    case formLabel = "form.label"
    case formField = "form.field"
    case formFieldFocus = "form.field-focus"
    case formPlaceholder = "form.placeholder"
    case formError = "form.error"
    case dialog
    case dialogBorder = "dialog-border"
    case searchMatch = "search.match"
    case badge
    case helpKey = "help.key"
    case helpText = "help.text"
    case border
    case borderFocus = "border-focus"

    /// Screens an element can be scoped to, as in `board.card-focus`. A bare scope name is an
    /// element too: the base for everything on that screen.
    public static let scopes = ["board", "detail", "inbox", "screening", "pools", "search", "form", "help", "reports"]

    /// Whether `name` may appear in a `color` line: an element, a scope, or `scope.element`.
    public static func isValid(_ name: String) -> Bool {
        if ThemeElement(rawValue: name) != nil || scopes.contains(name) { return true }
        guard let dot = name.firstIndex(of: ".") else { return false }
        return scopes.contains(String(name[..<dot])) && ThemeElement(rawValue: String(name[name.index(after: dot)...])) != nil
    }

    /// Every valid name, for "did you mean" suggestions.
    public static var allNames: [String] {
        let elements = allCases.map(\.rawValue)
        return elements + scopes + scopes.flatMap { scope in elements.map { "\(scope).\($0)" } }
    }

    /// The names tried for `name`, most specific first, ending with `default`: every run of its
    /// components, longest first, and for equal lengths the one further right first (so a scope
    /// is dropped before a last component). `board.sla.overdue` tries `board.sla.overdue`,
    /// `sla.overdue`, `board.sla`, `overdue`, `sla`, `board`, then `default`.
    public static func fallbacks(for name: String) -> [String] {
        let parts = name.split(separator: ".").map(String.init)
        var names: [String] = []
        for length in stride(from: parts.count, through: 1, by: -1) {
            for start in stride(from: parts.count - length, through: 0, by: -1) {
                let candidate = parts[start..<(start + length)].joined(separator: ".")
                if !names.contains(candidate) { names.append(candidate) }
            }
        }
        return names.contains("default") ? names : names + ["default"]
    }
}
