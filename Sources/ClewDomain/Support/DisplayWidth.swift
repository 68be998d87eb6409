/// How many terminal cells text takes: CJK, full-width forms and emoji take two, combining marks
/// none, East Asian Ambiguous characters ``AmbiguousWidth/cells``. Used to align tables and truncate with `…` without splitting a wide character.
public enum DisplayWidth {
    /// The cells one character takes.
    public static func of(_ character: Character) -> Int {
        // Fast path for printable ASCII, most of what is drawn.
        if let ascii = character.asciiValue { return ascii >= 0x20 && ascii < 0x7F ? 1 : 0 }
        guard let first = character.unicodeScalars.first else { return 0 }
        if character.unicodeScalars.count > 1, character.unicodeScalars.contains(where: { $0.properties.isEmojiPresentation || $0.value == 0xFE0F }) {
            return 2
        }
        return width(of: first)
    }

    /// The cells a string takes.
    public static func of(_ text: String) -> Int {
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return text.utf8.count }
        return text.reduce(0) { $0 + of($1) }
    }

    /// The cells one scalar takes.
    public static func width(of scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        if v < 0x20 || (0x7F..<0xA0).contains(v) { return 0 }
        if v < 0x7F { return 1 }
        // The common wide ranges before the (slower) Unicode property lookups.
        if (0x4E00...0x9FFF).contains(v) || (0x3400...0x4DBF).contains(v) || (0xAC00...0xD7A3).contains(v) { return 2 }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: break
        }
        if scalar.properties.isEmojiPresentation { return 2 }
        if AmbiguousWidth.contains(scalar) { return AmbiguousWidth.cells }
        switch v {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
             0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6,
             0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x2FFFD, 0x30000...0x3FFFD:
            return 2
        default:
            return 1
        }
    }

    /// `text` cut to at most `width` cells, ending in `…` when cut; never splits a wide character.
    /// Where `…` itself takes two cells (``AmbiguousWidth/cells``) and only one is left, the cut
    /// ends in a space instead.
    public static func truncate(_ text: String, to width: Int) -> String {
        guard width > 0 else { return "" }
        if of(text) <= width { return text }
        let ellipsis = of("…" as Character)
        var result = ""
        var used = 0
        for character in text {
            let w = of(character)
            if used + w > width - ellipsis { break }
            result.append(character)
            used += w
        }
        return width - used >= ellipsis ? result + "…" : result + String(repeating: " ", count: width - used)
    }

    /// `text` truncated or padded with spaces to exactly `width` cells.
    public static func pad(_ text: String, to width: Int) -> String {
        let cut = truncate(text, to: width)
        return cut + String(repeating: " ", count: max(0, width - of(cut)))
    }
}
