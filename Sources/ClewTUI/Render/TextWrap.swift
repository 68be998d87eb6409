import ClewDomain

/// Fitting text into a width by cells (CJK-aware): wrapping a dialog's question, and the part of
/// a long field value that keeps the cursor in view.
enum TextWrap {
    /// `text` broken into lines of at most `width` cells: at a space near the end of a line where
    /// there is one, else between any two characters (Chinese has no spaces). Never splits a wide
    /// character.
    static func lines(_ text: String, width: Int) -> [String] {
        let width = max(1, width)
        var lines: [String] = []
        var line = ""
        var used = 0
        for character in TextNormalization.terminalSafe(text) {
            let w = DisplayWidth.of(character)
            if used + w > width {
                // At the last space when it is near the end (English words); else anywhere (Chinese).
                if let space = line.lastIndex(of: " "), line.distance(from: line.startIndex, to: space) > 0,
                   DisplayWidth.of(String(line[line.index(after: space)...])) <= max(8, width / 3) {
                    let rest = String(line[line.index(after: space)...])
                    lines.append(String(line[..<space]))
                    line = rest
                } else {
                    lines.append(line)
                    line = ""
                }
                used = DisplayWidth.of(line)
                if character == " " && line.isEmpty { continue }
            }
            line.append(character)
            used += w
        }
        if !line.isEmpty || lines.isEmpty { lines.append(line) }
        return lines
    }

    /// The part of `text` to show in a field `width` cells wide with the cursor after `cursor`
    /// characters, and the cursor's column in it. Scrolls only as far as needed: the start when
    /// the cursor fits there, else so the cursor sits at the right edge (one cell kept for it).
    static func window(_ text: String, cursor: Int, width: Int) -> (text: String, cursorColumn: Int) {
        let characters = Array(TextNormalization.terminalSafe(text))
        let cursor = min(max(0, cursor), characters.count)
        let width = max(1, width)
        var start = 0
        var before = characters[0..<cursor].reduce(0) { $0 + DisplayWidth.of($1) }
        while before > width - 1, start < cursor {
            before -= DisplayWidth.of(characters[start])
            start += 1
        }
        var shown = ""
        var used = 0
        for character in characters[start...] {
            let w = DisplayWidth.of(character)
            if used + w > width { break }
            shown.append(character)
            used += w
        }
        return (shown, before)
    }
}
