/// How each element of the screen looks, read from a `.theme` file (DESIGN §9).
///
/// Looking up a name tries `ThemeElement.fallbacks(for:)` in order and takes the first one the
/// theme sets, so `board.card-focus` uses `card-focus` unless the board has its own, and
/// `sla.overdue` falls back to `sla`, then `default`, then plain text.
///
/// ```swift
/// let theme = BuiltinTheme.default.theme
/// theme.attributes(for: .cardFocus, scope: "board")
/// ```
public struct Theme: Hashable, Sendable {
    /// The attributes each `color` line set, by element name.
    public private(set) var rules: [String: TextAttributes]

    /// A theme with the given rules; an empty theme draws everything plain.
    public init(rules: [String: TextAttributes] = [:]) {
        self.rules = rules
    }

    /// The attributes for an element name such as `board.card-focus`, following the fallbacks.
    public func attributes(named name: String) -> TextAttributes {
        for candidate in ThemeElement.fallbacks(for: name) {
            if let attributes = rules[candidate] { return attributes }
        }
        return .plain
    }

    /// The attributes for `element`, optionally on one screen (`scope`, such as `"board"`).
    public func attributes(for element: ThemeElement, scope: String? = nil) -> TextAttributes {
        attributes(named: scope.map { "\($0).\(element.rawValue)" } ?? element.rawValue)
    }

    /// Sets how `name` looks, replacing what was there.
    public mutating func set(_ attributes: TextAttributes, for name: String) {
        rules[name] = attributes
    }

    /// The same theme with every colour replaced by the terminal's default, keeping bold,
    /// underline, reverse, dim and italic: for `NO_COLOR` and terminals without colour. The
    /// shipped `mono` theme is the better choice when nothing else was asked for.
    public func withoutColors() -> Theme {
        // Focus and selection were told apart by a background colour: without colours they
        // are reversed, so the focused card does not look like a bold grade such as [A].
        Theme(rules: Dictionary(uniqueKeysWithValues: rules.map { name, attributes in
            var plain = attributes
            if plain.background != .default, name.contains("focus") || name.contains("selected") || name == "tab-active" {
                plain.reverse = true
            }
            plain.foreground = .default
            plain.background = .default
            return (name, plain)
        }))
    }
}
