import ClewServices
import Foundation

extension NotificationParameters {
    /// The stored JSON, or `nil` when there is nothing to store.
    var storage: String? {
        guard text != nil || !values.isEmpty else { return nil }
        return (try? JSONEncoder().encode(self)).flatMap { String(data: $0, encoding: .utf8) }
    }
    /// Reads the `params` column in either stored form; `nil` for none or unreadable JSON.
    init?(storage: String?) {
        guard let data = storage.map({ Data($0.utf8) }) else { return nil }
        if let stored = try? JSONDecoder().decode(Self.self, from: data) {
            self = stored
        } else if let values = try? JSONDecoder().decode([String].self, from: data) {
            self.init(values: values)
        } else {
            return nil
        }
    }
}
