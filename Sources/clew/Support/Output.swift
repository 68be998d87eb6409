import ClewDomain
import Foundation

/// Writing to the terminal: everything from the database passes ``Output/safe(_:)`` first, so
/// stored escape sequences cannot reach the terminal.
enum Output {
    /// Prints a line to stdout.
    static func line(_ text: String = "", terminator: String = "\n") {
        print(text, terminator: terminator)
    }

    /// Prints a line to stderr, made terminal-safe: error messages echo arguments, file lines
    /// and database text, none of which may reach the terminal raw.
    static func error(_ text: String) {
        FileHandle.standardError.write(Data((TextNormalization.terminalSafe(text) + "\n").utf8))
    }

    /// Text from the database made safe for the terminal.
    static func safe(_ text: String?) -> String {
        TextNormalization.terminalSafe(text ?? "")
    }

    /// Prints rows as aligned columns (CJK-aware); the last column is not padded.
    static func table(_ header: [String], _ rows: [[String]], maxWidths: [Int]? = nil) {
        for text in tableLines(header, rows, maxWidths: maxWidths) { line(text) }
    }

    /// The lines ``table(_:_:maxWidths:)`` prints.
    static func tableLines(_ header: [String], _ rows: [[String]], maxWidths: [Int]? = nil) -> [String] {
        let all = [header] + rows.map { $0.map(safe) }
        var widths = header.indices.map { column in all.map { DisplayWidth.of($0[column]) }.max() ?? 0 }
        if let maxWidths { widths = zip(widths, maxWidths).map { min($0, $1) } }
        var lines: [String] = []
        for (index, row) in all.enumerated() {
            let cells = row.enumerated().map { column, text in
                column == row.count - 1 ? DisplayWidth.truncate(text, to: max(widths[column], 1)) : DisplayWidth.pad(text, to: widths[column])
            }
            lines.append(cells.joined(separator: "  ").trimmingTrailingSpaces())
            if index == 0 { lines.append(widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ")) }
        }
        return lines
    }

    /// Prints a value as pretty, key-sorted JSON.
    static func json<T: Encodable>(_ value: T) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(Output.iso8601(date))
        }
        line(jsonSafe(String(decoding: try encoder.encode(value), as: UTF8.self)))
    }

    /// JSON text with the characters a terminal or an editor would act on or reorder — C1
    /// controls (U+0080–U+009F, e.g. the 8-bit CSI U+009B) and the bidi overrides and isolates
    /// (U+202A–U+202E, U+2066–U+2069) — written as `\uXXXX` escapes. The encoder already
    /// escapes C0 controls; these can only occur inside strings, so the result is the same JSON.
    static func jsonSafe(_ json: String) -> String {
        func invisible(_ scalar: Unicode.Scalar) -> Bool {
            switch scalar.value {
            case 0x80...0x9F, 0x202A...0x202E, 0x2066...0x2069: true
            default: false
            }
        }
        guard json.unicodeScalars.contains(where: invisible) else { return json }
        var output = String.UnicodeScalarView()
        for scalar in json.unicodeScalars {
            if invisible(scalar) {
                output.append(contentsOf: String(format: "\\u%04X", scalar.value).unicodeScalars)
            } else {
                output.append(scalar)
            }
        }
        return String(output)
    }

    static func iso8601(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        formatter.timeZone = TimeZone.current
        return formatter.string(from: date)
    }

    /// `2026-11-23 14:05` in local time.
    static func time(_ date: Date?) -> String {
        guard let date else { return "" }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return formatter.string(from: date)
    }

    /// `2026-11-23` in local time.
    static func day(_ date: Date?) -> String { String(time(date).prefix(10)) }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var copy = self
        while copy.last == " " { copy.removeLast() }
        return copy
    }
}
