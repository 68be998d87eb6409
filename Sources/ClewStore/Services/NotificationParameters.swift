import Foundation

/// What a notification says, stored beside its English body (the `params` column) so that an
/// interface can write it in the reader's language: the catalogue text it is (`text`, e.g.
/// `reminder.confirm`; the notification's kind when `nil`) and the values that text is filled
/// with, in order.
///
/// Stored as JSON: `{"text":"reminder.confirm","values":[…]}`, or (notifications written before
/// texts had names) a bare array of values.
public struct NotificationParameters: Hashable, Sendable, Codable {
    /// The catalogue text's name within the kind's texts; `nil` for the kind's one text.
    public var text: String?
    /// What the text says, in order.
    public var values: [String]

    public init(text: String? = nil, values: [String]) {
        self.text = text
        self.values = values
    }

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
