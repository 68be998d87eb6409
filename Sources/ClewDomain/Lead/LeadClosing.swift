/// What closing a lead (won or lost) does to the work still open on it (issue 11 §8): its open
/// tasks and cadence are cancelled with the reason recorded, and its alerts are cleared —
/// except the work that follows a sale (the invoice a contract-signed trigger gave finance).
public enum LeadClosing {
    /// How the lead was closed.
    public enum Outcome: Hashable, Sendable {
        case won
        case lost(LostReason)
    }

    /// The trigger events whose tasks are work after the sale and survive a win.
    public static let afterSaleEvents: Set<String> = [TriggerEvent.contractSigned.description, TriggerEvent.leadWon.description]

    /// Whether an open task (made by a trigger on `triggerEvent`, if any) stays open when the
    /// lead closes with `outcome`.
    public static func keepsTask(triggerEvent: String?, on outcome: Outcome) -> Bool {
        guard case .won = outcome, let triggerEvent else { return false }
        return afterSaleEvents.contains(triggerEvent)
    }

    /// The reason recorded on each cancelled task: `lead won`, `lead lost: 预算不足`.
    public static func cancelReason(_ outcome: Outcome) -> String {
        switch outcome {
        case .won: "lead won"
        case let .lost(reason): "lead lost: \(reason.chineseName)"
        }
    }

    /// Notification kinds that ask someone to act on an open lead; closing it clears them.
    public static let alertKinds: Set<String> = ["approval", "assignment", "escalation", "reminder", "overdue", "stalled", "risk", "task", "duplicate"]

    /// Whether an unread notification of `kind` is cleared when its lead closes.
    public static func clearsAlert(kind: String) -> Bool { alertKinds.contains(kind) }
}
