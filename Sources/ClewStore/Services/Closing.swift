import ClewDomain
import ClewServices
import Foundation
import GRDB

/// Closing a lead as ``LeadClosing`` decides: open tasks and cadence cancelled with the reason
/// (each cancellation audited), pending approvals withdrawn, alerts about it cleared.
enum Closing {
    static func settle(_ lead: Lead, _ outcome: LeadClosing.Outcome, _ m: Mutation) throws {
        let reason = LeadClosing.cancelReason(outcome)
        let open = try Row.fetchAll(m.db, sql: "SELECT id, trigger_event FROM task WHERE lead_id = ? AND status = 'open'", arguments: [lead.id])
        for row in open where !LeadClosing.keepsTask(triggerEvent: row["trigger_event"], on: outcome) {
            let id: Int64 = row["id"]
            try Tasks.setStatus(id, .cancelled, m)
            try m.change(.task, .id(id), ["cancel_reason": reason], action: "cancel-reason")
        }
        try Approvals.withdrawPending(leadID: lead.id, m)
        let alerts = try Row.fetchAll(m.db, sql: "SELECT id, kind FROM notification WHERE lead_id = ? AND read_at IS NULL", arguments: [lead.id])
        let cleared = alerts.filter { LeadClosing.clearsAlert(kind: $0["kind"]) }.map { $0["id"] as Int64 }
        for id in cleared {
            try m.db.execute(sql: "UPDATE notification SET read_at = ? WHERE id = ?", arguments: [m.now.storage, id])
        }
        if !cleared.isEmpty {
            try m.audit("clear-alerts", entity: "lead", id: lead.id, field: "alerts", new: "\(cleared.count) cleared: \(reason)")
        }
    }
}
