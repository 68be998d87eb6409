import ClewServices
import Foundation

/// Where tables and keys sit in a TOML file's text, so a problem found in the parsed document
/// can be reported at its line (TOMLKit reports positions only for syntax errors).
///
/// Arrays of tables are counted from 0 in file order per header name, as
/// ``ProcessProblem/index`` counts them.
struct TOMLLineIndex {
    private struct Entry {
        var section: String
        var index: Int?
        var line: Int
        var keys: [String: Int]
    }

    private var entries: [Entry] = [Entry(section: "", index: nil, line: 1, keys: [:])]

    init(_ text: String) {
        var counters: [String: Int] = [:]
        for (offset, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("[[") {
                let name = Self.headerName(line, open: "[[", close: "]]")
                let index = counters[name, default: 0]
                counters[name] = index + 1
                entries.append(Entry(section: name, index: index, line: offset + 1, keys: [:]))
            } else if line.hasPrefix("[") {
                entries.append(Entry(section: Self.headerName(line, open: "[", close: "]"), index: nil, line: offset + 1, keys: [:]))
            } else if let equals = line.firstIndex(of: "="), !line.hasPrefix("\""), !line.hasPrefix("'") || line[..<equals].contains("'") {
                let key = line[..<equals].trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
                let last = entries.count - 1
                if entries[last].keys[key] == nil { entries[last].keys[key] = offset + 1 }
            }
        }
    }

    private static func headerName(_ line: String, open: String, close: String) -> String {
        var name = line.dropFirst(open.count)
        if let end = name.range(of: close) { name = name[..<end.lowerBound] }
        return name.split(separator: ".").map { $0.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\"'")) }
            .joined(separator: ".")
    }

    /// The line of `key` in the `index`th `section` table; else of the table's header; else of a
    /// sub-table named `section.key`; else 1.
    func line(section: String, index: Int?, key: String?) -> Int {
        let entry = entries.first { $0.section == section && $0.index == index }
        if let key, let line = entry?.keys[key] { return line }
        if let key, let sub = subTable(section, key) { return sub }
        if let entry { return entry.line }
        return entries.first { $0.section == section }?.line ?? 1
    }

    private func subTable(_ section: String, _ key: String) -> Int? {
        let name = section.isEmpty ? key : section + "." + key
        return entries.first { $0.section == name }?.line
    }
}
