/// Splits one line of `keymap.conf` into words: whitespace separates them, `"…"` quotes one
/// (with `\"` and `\\` inside), and `#` outside quotes starts a comment.
struct KeymapTokenizer {
    /// A word of the line and whether it was quoted.
    struct Token: Hashable {
        var text: String
        var quoted: Bool
    }

    /// The words of the line.
    var tokens: [Token] = []
    /// Whether the line had a `#` comment (used to hint at `<Hash>`).
    var hadComment = false
    /// The text of a quoted string that was never closed.
    var unterminated: String?

    init(line: String) {
        var current = ""
        var inWord = false
        var iterator = line.makeIterator()
        while let c = iterator.next() {
            if c == "#" {
                hadComment = true
                break
            }
            if c.isWhitespace {
                if inWord { tokens.append(Token(text: current, quoted: false)) }
                current = ""
                inWord = false
            } else if c == "\"" && !inWord {
                var text = ""
                var closed = false
                while let q = iterator.next() {
                    if q == "\"" { closed = true; break }
                    if q == "\\", let escaped = iterator.next() { text.append(escaped) } else { text.append(q) }
                }
                guard closed else {
                    unterminated = "\"" + text
                    return
                }
                tokens.append(Token(text: text, quoted: true))
            } else {
                current.append(c)
                inWord = true
            }
        }
        if inWord { tokens.append(Token(text: current, quoted: false)) }
    }
}
