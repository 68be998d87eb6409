import ClewDomain
import ClewServices
import Foundation
import GRDB

/// How an outbox message is delivered.
public enum OutboxChannel: String, Sendable, Codable, CaseIterable {
    case email
    case sms
}

/// Queues messages for delivery (the outbox): written in the same transaction as the change
/// that caused them, delivered later by ``OutboxService`` through the configured command.
package enum Outbox {
    /// Queues one message, due for delivery at once; returns its id.
    @discardableResult
    package static func enqueue(_ channel: OutboxChannel, to recipient: String, subject: String, body: String,
                        leadID: Int64?, rule: String?, _ m: Mutation) throws -> Int64 {
        try m.db.execute(
            sql: """
                INSERT INTO outbox (channel, recipient, subject, body, lead_id, rule, next_attempt_at, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [channel.rawValue, recipient, subject, body, leadID, rule, m.now.storage, m.now.storage])
        let id = m.db.lastInsertedRowID
        try m.audit("enqueue", entity: "outbox", id: id, field: "recipient", new: recipient)
        return id
    }
}
