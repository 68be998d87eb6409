import ClewDomain
import Foundation

/// One audit row: who changed what, when.
public struct AuditEntry: Hashable, Sendable, Codable {
    public var id: Int64
    public var at: Date
    public var actor: String
    /// The admin who acted as ``actor`` with `--as`.
    public var via: String?
    public var action: String
    public var entity: String
    public var entityID: Int64
    public var field: String?
    public var old: String?
    public var new: String?

    /// A value with each of its fields given.
    public init(id: Int64, at: Date, actor: String, via: String? = nil, action: String, entity: String, entityID: Int64,
                field: String? = nil, old: String? = nil, new: String? = nil) {
        self.id = id
        self.at = at
        self.actor = actor
        self.via = via
        self.action = action
        self.entity = entity
        self.entityID = entityID
        self.field = field
        self.old = old
        self.new = new
    }
}
