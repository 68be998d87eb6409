import ClewDomain
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
        guard let text, let list = try? JSONDecoder().decode([String].self, from: Data(text.utf8)) else { return [] }
        return list
    }
}
