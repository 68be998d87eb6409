import ClewDomain
import ClewServices
import Foundation
import GRDB

/// Merging duplicate leads: details fill the gaps of the surviving lead
/// (``ClewServices/DetailsMerge``), both histories stay, and the merged lead remains as a
/// tombstone pointing to the survivor.
enum LeadMerging {
    /// Merges lead `source` into `target`.
    static func merge(_ source: Lead, into target: Lead, context: ClewContext, _ m: Mutation) throws -> Lead {
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
        var survivor = try DetailsMerge.absorb(source.details, from: source.number.description, into: target, context.transaction(m))
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
}

extension LeadService {
    /// Merges lead `source` into lead `target` (supervisors and admins): `target` keeps its
    /// values and gains what it lacked; `source` becomes a tombstone pointing to `target`.
    @discardableResult
    public func merge(_ source: String, into target: String) throws -> Lead {
        try context.mutate(as: actor) { m in
            let from = try LeadLookup.require(m.db, source, for: .merge, by: actor)
            let into = try LeadLookup.require(m.db, target, for: .merge, by: actor)
            return try LeadMerging.merge(from, into: into, context: context, m)
        }
    }
}
