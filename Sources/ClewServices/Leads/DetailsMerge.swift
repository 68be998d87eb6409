import ClewDomain
import Foundation

/// Merging details into a lead: they fill its empty fields, values that differ are kept as a
/// note, and the merge is audited with where the details came from. What merging a whole lead
/// (its follow-ups, tasks, notes and tombstone) adds is ``LeadMergingService``.
public enum DetailsMerge {
    /// Fills `target`'s empty fields from `details` (from `origin`: "a new registration", a lead
    /// number, an import row); differing values become a ``NoteKind/merge`` note. A new lead
    /// whose details are now complete goes to screening.
    ///
    /// - Returns: the lead as stored.
    public static func absorb(_ details: LeadDraft, from origin: String, into target: Lead, _ tx: any StoreTransaction) throws -> Lead {
        var updated = target
        var conflicts: [String] = []
        for field in LeadField.allCases {
            guard let incoming = details[field] else { continue }
            if let existing = target.details[field] {
                if normalized(existing, field) != normalized(incoming, field) {
                    conflicts.append("\(field) (\(field.chineseName)): \(existing) ≠ \(incoming)")
                }
            } else {
                updated.details[field] = incoming
            }
        }
        if target.phoneKey == nil, let phone = details.phone { updated.phoneKey = PhoneNumber.normalize(phone) }
        if target.emailKey == nil, let email = details.email { updated.emailKey = EmailAddress.normalize(email) }
        if !conflicts.isEmpty {
            _ = try tx.leads.addNote("Merged \(origin); kept existing values:\n" + conflicts.joined(separator: "\n"), kind: .merge, toLead: target.id)
        }
        try tx.leads.record(.mergeDetails, field: "merged_from", value: origin, onLead: target.id)
        if updated.status == .new && (try? updated.details.validate())?.initialStatus == .screening {
            updated.status = .screening
        }
        return try tx.leads.update(target, to: updated, as: .merge, storing: [])
    }

    /// A value as a merge compares it: phones and emails normalised, text trimmed.
    private static func normalized(_ value: String, _ field: LeadField) -> String {
        switch field {
        case .phone: PhoneNumber.normalize(value) ?? value
        case .email: EmailAddress.normalize(value) ?? value
        default: TextNormalization.trimmed(value)
        }
    }
}
