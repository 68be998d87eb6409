import ClewDomain
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
}
