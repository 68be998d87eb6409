import ClewDomain
import Foundation

/// An inbox message.
public struct NotificationItem: Hashable, Sendable, Codable {
    public var id: Int64
    /// `mention`, `assignment`, `objection`, `approval`, `escalation`, …
    public var kind: String
    public var leadNumber: String?
    public var actor: String?
    public var body: String
    public var createdAt: Date
    /// What the body says, for writing it in the reader's language (`nil` for notifications
    /// stored before v9).
    public var parameters: NotificationParameters?

    public init(id: Int64, kind: String, leadNumber: String?, actor: String?, body: String, createdAt: Date,
                parameters: NotificationParameters?) {
        self.id = id
        self.kind = kind
        self.leadNumber = leadNumber
        self.actor = actor
        self.body = body
        self.createdAt = createdAt
        self.parameters = parameters
    }
}
