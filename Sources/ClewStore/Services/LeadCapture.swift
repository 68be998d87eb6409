import ClewDomain
import ClewServices
import Foundation
import GRDB

/// When a lead was captured (获取时间, seed 004), when it was registered later than that:
/// `lead.captured_at`, empty when the lead was registered as it was captured.
enum LeadCapture {
    /// Writes the capture time of lead `leadID`, created in this transaction, with its audit row.
    static func record(_ capturedAt: Date, leadID: Int64, _ m: Mutation) throws {
        try m.db.execute(sql: "UPDATE lead SET captured_at = ? WHERE id = ?", arguments: [capturedAt.storage, leadID])
        try m.audit("create", entity: "lead", id: leadID, field: "captured_at", new: Mutation.text(capturedAt.storage.databaseValue, column: "captured_at"))
    }
}
