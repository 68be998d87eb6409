import ClewDomain

/// Reads and writes keys in `keymap.conf` notation (DESIGN §9).
///
/// Printable characters stand for themselves (`j`, `J`, `>`, `中`); several in a row are a
/// sequence (`gg`). Special keys go in angle brackets: `<Enter> <Esc> <Tab> <BackTab> <Up> <Down>
/// <Left> <Right> <PgUp> <PgDn> <Home> <End> <Backspace> <Del> <Ins> <Space> <F1>…<F12> <C-x>
/// <M-x>`, plus `<Hash>` for `#` (which starts a comment) and `<Lt>` for `<`. Names are read
/// without regard to case; `format` writes the canonical spelling, so
/// `parse(format(keys)) == keys` for every sequence.
///
/// ```swift
/// try KeyNotation.parse("gg")        // [.character("g"), .character("g")]
/// try KeyNotation.parse("<C-d>")     // [.control("d")]
/// KeyNotation.format([.character("#")]) // "<Hash>"
/// ```
public enum KeyNotation {
    /// Canonical names of the keys written in angle brackets, in the order the help lists them.
    static let namedKeys: [(name: String, key: Key)] = [
        ("Enter", .enter), ("Esc", .escape), ("Tab", .tab), ("BackTab", .backTab),
        ("Up", .up), ("Down", .down), ("Left", .left), ("Right", .right),
        ("PgUp", .pageUp), ("PgDn", .pageDown), ("Home", .home), ("End", .end),
        ("Backspace", .backspace), ("Del", .delete), ("Ins", .insert),
        ("Space", .character(" ")), ("Hash", .character("#")), ("Lt", .character("<")),
        ("Gt", .character(">")),
    ] + (1...12).map { ("F\($0)", Key.function($0)) }

    /// Other spellings accepted when reading.
    static let aliases: [String: Key] = [
        "cr": .enter, "return": .enter, "escape": .escape, "s-tab": .backTab, "pageup": .pageUp,
        "pagedown": .pageDown, "bs": .backspace, "delete": .delete, "insert": .insert,
    ]

    /// Parses one token of key notation into the sequence of keys it names.
    ///
    /// - Throws: `KeyNotationError` naming the bad part, with a suggestion for a misspelt name.
    public static func parse(_ text: String) throws(KeyNotationError) -> KeySequence {
        guard !text.isEmpty else { throw .empty }
        var keys: KeySequence = []
        var rest = Substring(text)
        while let first = rest.first {
            if first == "<" {
                guard let close = rest.firstIndex(of: ">") else { throw .unclosed(String(rest)) }
                let inner = rest[rest.index(after: rest.startIndex)..<close]
                keys.append(try named(String(inner), written: String(rest[...close])))
                rest = rest[rest.index(after: close)...]
            } else {
                guard isPrintable(first) else { throw .unprintable(text) }
                keys.append(.character(first))
                rest = rest.dropFirst()
            }
        }
        return keys
    }

    /// Writes a sequence of keys in canonical notation, such as `gg`, `<C-d>` or `<Hash>`.
    public static func format(_ keys: KeySequence) -> String {
        keys.map(format).joined()
    }

    /// Writes one key in canonical notation.
    public static func format(_ key: Key) -> String {
        switch key {
        case .character(let c):
            return namedCharacters[c].map { "<\($0)>" } ?? String(c)
        case .control(let c):
            return "<C-\(c)>"
        case .meta(let c):
            return "<M-\(c == ">" ? "Gt" : namedCharacters[c] ?? String(c))>"
        default:
            return namedKeys.first { $0.key == key }.map { "<\($0.name)>" } ?? "<?>"
        }
    }

    /// A short label for the bottom bar and the help screen: `j`, `Enter`, `^D`, `M-x`, `↑`.
    public static func label(_ keys: KeySequence) -> String {
        keys.map(label).joined()
    }

    /// A short label for one key.
    public static func label(_ key: Key) -> String {
        switch key {
        case .character(" "): "Space"
        case .character(let c): String(c)
        case .control(let c): "^" + c.uppercased()
        case .meta(let c): "M-" + (c == " " ? "Space" : String(c))
        case .up: "↑"
        case .down: "↓"
        case .left: "←"
        case .right: "→"
        case .backTab: "S-Tab"
        default: String(format(key).dropFirst().dropLast())
        }
    }

    // MARK: - Private

    /// Characters that `format` writes by name because they mean something in the file.
    private static let namedCharacters: [Character: String] = [" ": "Space", "#": "Hash", "<": "Lt"]

    private static func named(_ inner: String, written: String) throws(KeyNotationError) -> Key {
        let lower = inner.lowercased()
        if lower.hasPrefix("c-"), inner.count > 2 {
            let rest = String(inner.dropFirst(2))
            guard rest.count == 1, let c = rest.lowercased().first, c.isASCII, c.isLetter else {
                throw .badControl(written)
            }
            return .control(c)
        }
        if lower.hasPrefix("m-"), inner.count > 2 {
            let rest = String(inner.dropFirst(2))
            if let key = namedKeys.first(where: { $0.name.lowercased() == rest.lowercased() })?.key,
               case .character(let c) = key {
                return .meta(c)
            }
            guard rest.count == 1, let c = rest.first, isPrintable(c) else { throw .badMeta(written) }
            return .meta(c)
        }
        if let key = namedKeys.first(where: { $0.name.lowercased() == lower })?.key ?? aliases[lower] {
            return key
        }
        let suggestion = Suggestion.closest(to: inner, in: namedKeys.map(\.name)).map { "<\($0)>" }
        throw .unknownName(written, suggestion: suggestion)
    }

    private static func isPrintable(_ c: Character) -> Bool {
        !c.isWhitespace && !c.unicodeScalars.contains { $0.properties.generalCategory == .control }
    }
}
