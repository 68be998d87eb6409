import ClewDomain
import Foundation

/// A note on a lead (free text, grade reason, objection, merge conflicts).
public struct NoteEntry: Hashable, Sendable, Codable {
    public var id: Int64
    public var author: String
    public var kind: String
    public var body: String
    public var createdAt: Date

    /// A value with each of its fields given.
    public init(id: Int64, author: String, kind: String, body: String, createdAt: Date) {
        self.id = id
        self.author = author
        self.kind = kind
        self.body = body
        self.createdAt = createdAt
    }
}
