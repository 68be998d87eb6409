import ClewDomain
import ClewServices
import Foundation
import GRDB

extension UserProfile {
    static let selection = "login, name, role, supervisor, regions, industries, capacity, active, away_until"

    init(row: Row) throws {
        let roleText: String = row["role"]
        guard let role = Role(rawValue: roleText) else { throw StoreError.sqlite("unknown role '\(roleText)'") }
        self.init(
            login: row["login"], name: row["name"], role: role, supervisor: row["supervisor"],
            regions: JSONList.decode(row["regions"]), industries: JSONList.decode(row["industries"]),
            capacity: row["capacity"], isActive: row["active"],
            awayUntil: (row["away_until"] as Double?).map(Date.init(storage:))
        )
    }
}

/// Short lists of names stored as JSON arrays.
enum JSONList {
    static func encode(_ list: [String]) -> String {
        guard let data = try? JSONEncoder().encode(list) else { return "[]" }
        return String(decoding: data, as: UTF8.self)
    }

    static func decode(_ text: String?) -> [String] {
        guard let text else { return [] }
        if let list = decodePlain(text) { return list }
        guard let list = try? JSONDecoder().decode([String].self, from: Data(text.utf8)) else { return [] }
        return list
    }

    /// The list when `text` is a JSON array of strings without escapes (`["华东","华南"]`, what
    /// ``encode(_:)`` writes for ordinary names), read without a `JSONDecoder`; nil for anything
    /// else, which the decoder then reads (or rejects).
    static func decodePlain(_ text: String) -> [String]? {
        var text = text
        return text.withUTF8 { bytes -> [String]? in
            let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), space = UInt8(ascii: " ")
            var i = 0
            func skipSpaces() { while i < bytes.count, bytes[i] == space { i += 1 } }
            skipSpaces()
            guard i < bytes.count, bytes[i] == UInt8(ascii: "[") else { return nil }
            i += 1
            skipSpaces()
            var list: [String] = []
            if i < bytes.count, bytes[i] == UInt8(ascii: "]") {
                i += 1
            } else {
                while true {
                    guard i < bytes.count, bytes[i] == quote else { return nil }
                    i += 1
                    let start = i
                    while i < bytes.count, bytes[i] != quote {
                        // Escapes and control characters are left to the JSON decoder.
                        if bytes[i] == UInt8(ascii: "\\") || bytes[i] < 0x20 { return nil }
                        i += 1
                    }
                    guard i < bytes.count else { return nil }
                    list.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self))
                    i += 1
                    skipSpaces()
                    guard i < bytes.count else { return nil }
                    if bytes[i] == comma {
                        i += 1
                        skipSpaces()
                        continue
                    }
                    guard bytes[i] == UInt8(ascii: "]") else { return nil }
                    i += 1
                    break
                }
            }
            skipSpaces()
            return i == bytes.count ? list : nil
        }
    }
}
