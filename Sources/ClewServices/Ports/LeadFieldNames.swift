import ClewDomain
import Foundation

/// How the port contract names a lead's fields in audit rows (``AuditEntry/field``): as the
/// SQLite store's `lead` columns are called, which every store writes the same way so one trail
/// reads alike whatever the engine (`need`, `city`, `suggested_grade`, `amount_fen`, …).
public enum LeadFieldNames {
    /// The fields recomputed from others (the score from the details and events, the flags from
    /// the phone and the automation): a concurrent change to them never makes an edit stale
    /// (``LeadRepository/update(_:to:as:storing:)``).
    public static let derived: Set<String> = ["score", "suggested_grade", "flags"]
}
