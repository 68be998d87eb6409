import ClewDomain
import ClewServices
import Foundation
import GRDB

/// When a lead was captured (获取时间, seed 004), when it was registered later than that:
/// `lead.captured_at`, empty when the lead was registered as it was captured.
enum LeadCapture {
    /// Refuses a capture time in the future (a minute of clock skew aside).
    static func check(_ capturedAt: Date?, now: Date) throws {
        guard let capturedAt, capturedAt > now.addingTimeInterval(skew) else { return }
        throw LeadCaptureError.inFuture(capturedAt)
    }

    /// The clock skew a capture time may be ahead of now by.
    static let skew: TimeInterval = 60

    static func record(_ capturedAt: Date, leadID: Int64, _ m: Mutation) throws {
        try m.db.execute(sql: "UPDATE lead SET captured_at = ? WHERE id = ?", arguments: [capturedAt.storage, leadID])
        try m.audit("create", entity: "lead", id: leadID, field: "captured_at", new: Mutation.text(capturedAt.storage.databaseValue, column: "captured_at"))
    }
}
