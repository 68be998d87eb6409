import ClewDomain
import Foundation

/// Writing to the terminal: everything from the database passes ``Output/safe(_:)`` first, so
/// stored escape sequences cannot reach the terminal.
enum Output {
    /// Prints a line to stdout.
    static func line(_ text: String = "", terminator: String = "\n") {
        print(text, terminator: terminator)
    }

    /// Prints a line to stderr.
    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
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
        line(String(decoding: try encoder.encode(value), as: UTF8.self))
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
