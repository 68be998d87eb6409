import ClewDomain
import ClewServices
import Foundation
import GRDB

/// Merging duplicate leads: details fill the gaps of the surviving lead, conflicts are kept as a
/// note, both histories stay, and the merged lead remains as a tombstone pointing to the survivor.
enum LeadMerging {
    /// Fills `target`'s empty fields from `details`; differing values become a note.
    static func absorb(_ details: LeadDraft, from origin: String, into target: Lead, _ m: Mutation) throws -> Lead {
        var updated = target
        var conflicts: [String] = []
        for field in LeadField.allCases {
            guard let incoming = details[field] else { continue }
            if let existing = target.details[field] {
                if Self.normalized(existing, field) != Self.normalized(incoming, field) {
                    conflicts.append("\(field) (\(field.chineseName)): \(existing) ≠ \(incoming)")
                }
            } else {
                updated.details[field] = incoming
            }
        }
        if target.phoneKey == nil, let phone = details.phone { updated.phoneKey = PhoneNumber.normalize(phone) }
        if target.emailKey == nil, let email = details.email { updated.emailKey = EmailAddress.normalize(email) }
        if !conflicts.isEmpty {
            _ = try Notes.insert(target.id, kind: "merge", body: "Merged \(origin); kept existing values:\n" + conflicts.joined(separator: "\n"), m)
        }
        try m.audit("merge-details", entity: "lead", id: target.id, field: "merged_from", new: origin)
        if updated.status == .new && updated.details.validateQuietly()?.initialStatus == .screening {
            updated.status = .screening
        }
        return try m.update(target, to: updated, action: .merge)
    }

    /// Merges lead `source` into `target`.
    static func merge(_ source: Lead, into target: Lead, _ m: Mutation) throws -> Lead {
        guard source.id != target.id else { throw LeadError.mergeIntoItself(number: source.number.description) }
        guard target.status != .merged else {
            throw LeadError.merged(number: target.number.description, into: target.mergedInto?.description)
        }
        _ = try LeadLifecycle.next(after: .merge, from: source.status)
        for table in ["follow_up", "task", "note"] {
            try m.db.execute(sql: "UPDATE \(table) SET lead_id = ? WHERE lead_id = ?", arguments: [target.id, source.id])
            if m.db.changesCount > 0 {
                try m.audit("merge-move", entity: "lead", id: target.id, field: table, old: source.number.description, new: "\(m.db.changesCount) rows")
            }
        }
        try Approvals.withdrawPending(leadID: source.id, m)
        var survivor = try absorb(source.details, from: source.number.description, into: target, m)
        if let last = source.lastFollowUpAt, last > (survivor.lastFollowUpAt ?? .distantPast) {
            let before = survivor
            survivor.lastFollowUpAt = last
            survivor = try m.update(before, to: survivor, action: .merge)
        }
        var tombstone = source
        tombstone.status = .merged
        tombstone.mergedInto = target.number
        try StageTracking.close(source, m)
        try m.update(source, to: tombstone, action: .merge, mergedIntoID: target.id)
        return survivor
    }

    private static func normalized(_ value: String, _ field: LeadField) -> String {
        switch field {
        case .phone: PhoneNumber.normalize(value) ?? value
        case .email: EmailAddress.normalize(value) ?? value
        default: TextNormalization.trimmed(value)
        }
    }
}

extension LeadDraft {
    /// The validation result, or nil when the draft is invalid.
    func validateQuietly() -> ValidatedLead? { try? validate() }
}

extension LeadService {
    /// Merges lead `source` into lead `target` (supervisors and admins): `target` keeps its
    /// values and gains what it lacked; `source` becomes a tombstone pointing to `target`.
    @discardableResult
    public func merge(_ source: String, into target: String) throws -> Lead {
        try context.mutate(as: actor) { m in
            let from = try LeadLookup.require(m.db, source, for: .merge, by: actor)
            let into = try LeadLookup.require(m.db, target, for: .merge, by: actor)
            return try LeadMerging.merge(from, into: into, m)
        }
    }
}
