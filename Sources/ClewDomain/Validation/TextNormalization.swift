/// Small, pure text clean-ups shared by parsing (phones, e-mails, grades, lead numbers) and by
/// everything that draws user-supplied text in a terminal.
///
/// ```swift
/// TextNormalization.halfWidth("１３８ ００１３")        // "138 0013"
/// TextNormalization.trimmed("\u{3000}王伟\u{200B}")     // "王伟"
/// TextNormalization.terminalSafe("ok\u{1B}[31mred")    // "okred"
/// ```
public enum TextNormalization {

    // MARK: - Full width → half width

    /// Converts full-width ASCII variants (U+FF01–U+FF5E) to ASCII and the ideographic space
    /// (U+3000) to a plain space; CJK text is left alone.
    ///
    /// Letters, digits and symbols such as `＋ ＠ ． （ ） －` are converted. The full-width sentence
    /// punctuation a Chinese input method types in prose — `，` `！` `？` `：` `；` — stays as it is
    /// (like `。、「」`, which lie outside the range anyway), so notes keep their punctuation.
    ///
    /// ```swift
    /// TextNormalization.halfWidth("ｗａｎｇ＠ｅｘａｍｐｌｅ．ｃｏｍ") // "wang@example.com"
    /// TextNormalization.halfWidth("价格高，再联系。")                 // unchanged
    /// ```
    public static func halfWidth(_ s: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in s.unicodeScalars {
            let value = scalar.value
            if value == 0x3000 {
                scalars.append(" ")
            } else if (0xFF01...0xFF5E).contains(value), !keptProsePunctuation.contains(value),
                      let ascii = Unicode.Scalar(value - 0xFEE0) {
                scalars.append(ascii)
            } else {
                scalars.append(scalar)
            }
        }
        return String(scalars)
    }

    /// `，` `！` `？` `：` `；`: full-width punctuation of Chinese prose that ``halfWidth(_:)`` keeps.
    private static let keptProsePunctuation: Set<UInt32> = [0xFF0C, 0xFF01, 0xFF1F, 0xFF1A, 0xFF1B]

    // MARK: - Trimming

    /// Removes leading and trailing white space and new lines, including the ideographic space
    /// (U+3000), no-break space, and the invisible zero-width space (U+200B) and byte-order mark
    /// (U+FEFF) that copy-and-paste from web pages and spreadsheets often leaves behind.
    ///
    /// ```swift
    /// TextNormalization.trimmed("\u{FEFF} 13800138000\u{3000}") // "13800138000"
    /// ```
    public static func trimmed(_ s: String) -> String {
        let scalars = s.unicodeScalars
        guard let first = scalars.firstIndex(where: { !isTrimmable($0) }),
              let last = scalars.lastIndex(where: { !isTrimmable($0) })
        else { return "" }
        return String(scalars[first...last])
    }

    private static func isTrimmable(_ scalar: Unicode.Scalar) -> Bool {
        // ASCII without a property lookup: tab, new lines, vertical tab, form feed, space.
        if scalar.isASCII { return (0x09...0x0D).contains(scalar.value) || scalar.value == 0x20 }
        return scalar.properties.isWhitespace || scalar.value == 0x200B || scalar.value == 0xFEFF
    }

    // MARK: - Terminal safety

    /// Makes database text safe to draw in a terminal: removes control characters, escape
    /// sequences and bidirectional overrides, so a crafted note cannot move the cursor, retitle
    /// the window, or visually reorder a line.
    ///
    /// - `\t` and `\n` become one space each; every other C0 control (U+0000–U+001F, including
    ///   `\r`), DEL (U+007F) and every C1 control (U+0080–U+009F) is removed.
    /// - Whole escape sequences are removed: CSI (`ESC [` parameters, intermediates, final byte),
    ///   the string sequences OSC (`ESC ]`), DCS (`ESC P`), SOS (`ESC X`), PM (`ESC ^`) and APC
    ///   (`ESC _`) up to BEL, `ESC \` or U+009C (or the end of the text when unterminated), and
    ///   any other `ESC` + intermediates + final character. The 8-bit introducers U+009B (CSI),
    ///   U+009D (OSC), U+0090, U+0098, U+009E, U+009F start the same sequences.
    /// - The bidi embedding/override/isolate controls U+202A–U+202E and U+2066–U+2069 are removed.
    ///
    /// ```swift
    /// TextNormalization.terminalSafe("ok\u{1B}[31mred\u{1B}[0m")     // "okred"
    /// TextNormalization.terminalSafe("a\u{1B}]0;pwned\u{07}b")       // "ab"
    /// TextNormalization.terminalSafe("第一行\n第二行")                 // "第一行 第二行"
    /// ```
    ///
    /// With `keepingLineBreaks`, `\t`, `\n` and `\r` are kept as they are (for a file such as a
    /// rejects CSV, where a cell's line breaks are data, but escape sequences are not).
    public static func terminalSafe(_ s: String, keepingLineBreaks: Bool = false) -> String {
        // Fast path: most text has nothing to strip (this runs for every string drawn).
        if !s.unicodeScalars.contains(where: needsStripping) { return s }
        let input = Array(s.unicodeScalars)
        var output = String.UnicodeScalarView()
        var index = 0
        while index < input.count {
            let value = input[index].value
            switch value {
            case 0x1B:
                index = skipEscape(input, from: index + 1)
            case 0x9B:
                index = skipControlSequence(input, from: index + 1)
            case 0x90, 0x98, 0x9D, 0x9E, 0x9F:
                index = skipControlString(input, from: index + 1)
            case 0x09 where keepingLineBreaks, 0x0A where keepingLineBreaks, 0x0D where keepingLineBreaks:
                output.append(input[index])
                index += 1
            case 0x09, 0x0A:
                output.append(" ")
                index += 1
            case 0x00...0x1F, 0x7F...0x9F, 0x202A...0x202E, 0x2066...0x2069:
                index += 1
            default:
                output.append(input[index])
                index += 1
            }
        }
        return String(output)
    }

    private static func needsStripping(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }

    // MARK: - Escape sequence scanning

    /// Skips what follows an `ESC` at `start - 1`; returns the index after the sequence.
    private static func skipEscape(_ input: [Unicode.Scalar], from start: Int) -> Int {
        guard start < input.count else { return start }
        switch input[start].value {
        case 0x5B: // [
            return skipControlSequence(input, from: start + 1)
        case 0x5D, 0x50, 0x58, 0x5E, 0x5F: // ] P X ^ _
            return skipControlString(input, from: start + 1)
        default:
            // nF / Fp / Fe / Fs: intermediates 0x20–0x2F, then one final 0x30–0x7E.
            var index = start
            while index < input.count, (0x20...0x2F).contains(input[index].value) { index += 1 }
            if index < input.count, (0x30...0x7E).contains(input[index].value) { index += 1 }
            return index
        }
    }

    /// Skips CSI parameters (0x30–0x3F), intermediates (0x20–0x2F) and the final byte (0x40–0x7E).
    /// Stops early, without consuming it, at anything else (that character is handled normally).
    private static func skipControlSequence(_ input: [Unicode.Scalar], from start: Int) -> Int {
        var index = start
        while index < input.count {
            let value = input[index].value
            if (0x40...0x7E).contains(value) { return index + 1 }
            guard (0x20...0x3F).contains(value) else { return index }
            index += 1
        }
        return index
    }

    /// Skips an OSC/DCS/SOS/PM/APC string up to and including its terminator: BEL, `ESC \` or ST.
    private static func skipControlString(_ input: [Unicode.Scalar], from start: Int) -> Int {
        var index = start
        while index < input.count {
            switch input[index].value {
            case 0x07, 0x9C:
                return index + 1
            case 0x1B:
                let next = index + 1
                // `ESC \` is ST; any other ESC ends the string and starts a sequence of its own.
                return next < input.count && input[next] == "\\" ? next + 1 : index
            default:
                index += 1
            }
        }
        return index
    }
}
