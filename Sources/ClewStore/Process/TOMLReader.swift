import ClewDomain
import ClewServices
import Foundation
import TOMLKit

/// Reads typed values out of a parsed TOML document, collecting a ``ConfigDiagnostic`` (at the
/// right line) for every missing, unknown or ill-typed key instead of stopping at the first.
struct TOMLReader {
    let file: String
    let lines: TOMLLineIndex
    private(set) var diagnostics: [ConfigDiagnostic] = []
    private var counters: [String: Int] = [:]

    init(file: String, text: String) {
        self.file = file
        self.lines = TOMLLineIndex(text)
    }

    /// Records a problem at `key` of the `index`th `section` table.
    mutating func fail(_ section: String, _ index: Int?, _ key: String?, token: String, _ message: String) {
        diagnostics.append(ConfigDiagnostic(file: file, line: lines.line(section: section, index: index, key: key), token: token, message: message))
    }

    /// Reports keys of `table` that are not `allowed`, with a suggestion.
    mutating func checkKeys(_ table: TOMLTable, _ section: String, _ index: Int?, allowed: [String]) {
        for key in table.keys where !allowed.contains(key) {
            fail(section, index, key, token: key, "unknown field '\(key)'" + Suggestion.hint(for: key, in: allowed))
        }
    }

    /// The array of tables `section` (its last component is the key in `table`), each with its
    /// index counted across the whole file.
    mutating func tables(_ table: TOMLTable, _ key: String, section: String) -> [(TOMLTable, Int)] {
        guard let value = table[key] else { return [] }
        guard let array = value.array else {
            fail(section, nil, nil, token: key, "'\(key)' must be an array of tables: write [[\(section)]]")
            return []
        }
        var result: [(TOMLTable, Int)] = []
        for element in array {
            let index = counters[section, default: 0]
            counters[section] = index + 1
            if let sub = element.table { result.append((sub, index)) } else { fail(section, index, nil, token: key, "'\(key)' must hold tables") }
        }
        return result
    }

    /// A sub-table such as `[scoring]`, or nil (reported) when it is something else.
    mutating func table(_ table: TOMLTable, _ key: String, section: String) -> TOMLTable? {
        guard let value = table[key] else { return nil }
        guard let sub = value.table else { fail(section, nil, key, token: key, "'\(key)' must be a table: write [\(key)]"); return nil }
        return sub
    }

    /// `in [[stage]]`, `in [sla]`, or `at the top of the file` for the root table.
    static func place(_ section: String, _ index: Int?) -> String {
        section.isEmpty ? "at the top of the file" : index == nil ? "in [\(section)]" : "in [[\(section)]]"
    }

    mutating func string(_ table: TOMLTable, _ key: String, _ section: String, _ index: Int?, required: Bool = true) -> String? {
        guard let value = table[key] else {
            if required { fail(section, index, nil, token: key, "missing '\(key)' " + Self.place(section, index)) }
            return nil
        }
        guard let string = value.string else { fail(section, index, key, token: key, "'\(key)' must be a string"); return nil }
        return string
    }

    /// The largest whole number a process file may hold: sums of points and counts stay far
    /// from overflow.
    static let maximumMagnitude = 1_000_000_000

    mutating func int(_ table: TOMLTable, _ key: String, _ section: String, _ index: Int?, default fallback: Int? = nil) -> Int? {
        guard let value = table[key] else {
            if fallback == nil { fail(section, index, nil, token: key, "missing '\(key)' " + Self.place(section, index)) }
            return fallback
        }
        guard let int = value.int else { fail(section, index, key, token: key, "'\(key)' must be a whole number"); return nil }
        guard abs(int) <= Self.maximumMagnitude else {
            fail(section, index, key, token: key, "'\(key)' must be between -\(Self.maximumMagnitude) and \(Self.maximumMagnitude)"); return nil
        }
        return int
    }

    mutating func bool(_ table: TOMLTable, _ key: String, _ section: String, _ index: Int?, default fallback: Bool) -> Bool {
        guard let value = table[key] else { return fallback }
        guard let bool = value.bool else { fail(section, index, key, token: key, "'\(key)' must be true or false"); return fallback }
        return bool
    }

    mutating func strings(_ table: TOMLTable, _ key: String, _ section: String, _ index: Int?) -> [String]? {
        guard let value = table[key] else { return nil }
        guard let array = value.array else { fail(section, index, key, token: key, "'\(key)' must be a list of strings, like [\"a\", \"b\"]"); return nil }
        var result: [String] = []
        for element in array {
            guard let string = element.string else { fail(section, index, key, token: key, "'\(key)' must be a list of strings, like [\"a\", \"b\"]"); return nil }
            result.append(string)
        }
        return result
    }

    mutating func duration(_ table: TOMLTable, _ key: String, _ section: String, _ index: Int?, required: Bool = true) -> ProcessDuration? {
        guard let text = string(table, key, section, index, required: required) else { return nil }
        if let problem = ProcessDuration.problem(parsing: text) { fail(section, index, key, token: text, "'\(key)': " + problem); return nil }
        return ProcessDuration(parsing: text)
    }
}
