import ClewDomain
import Foundation

/// Merging duplicate leads over the ports (issue 9): details fill the gaps of the surviving
/// lead (``DetailsMerge``), both histories stay — the merged lead's follow-ups, tasks and notes
/// move to the survivor —, and the merged lead remains as a tombstone pointing to it.
///
/// ```swift
/// let survivor = try LeadMergingService(store: store, actor: supervisor).merge("XL-20261203-007", into: "XL-20261201-002")
/// ```
public struct LeadMergingService: Sendable {
    let store: any ServiceStore
    /// The user the service acts for.
    public let actor: ActingUser

    public init(store: any ServiceStore, actor: ActingUser) {
        self.store = store
        self.actor = actor
    }

    /// Merges lead `source` into lead `target` (supervisors and admins): `target` keeps its
    /// values and gains what it lacked; `source` becomes a tombstone pointing to `target`.
    ///
    /// - Throws: ``ClewDomain/LeadError/mergeIntoItself(number:)``, ``ClewDomain/LeadError/merged(number:into:)``
    ///   (the target is itself a tombstone), a lifecycle error, `PermissionError`.
    /// - Returns: the survivor.
    @discardableResult
    public func merge(_ source: String, into target: String) throws -> Lead {
        try store.write(as: actor) { tx in
            let from = try tx.requireLead(source, for: .merge, by: actor)
            let into = try tx.requireLead(target, for: .merge, by: actor)
            return try Self.merge(from, into: into, in: tx)
        }
    }

    /// Merges `source` into `target` (both read in `tx` and permitted) as `tx`'s actor.
    public static func merge(_ source: Lead, into target: Lead, in tx: any StoreTransaction) throws -> Lead {
        guard source.id != target.id else { throw LeadError.mergeIntoItself(number: source.number.description) }
        guard target.status != .merged else {
            throw LeadError.merged(number: target.number.description, into: target.mergedInto?.description)
        }
        _ = try LeadLifecycle.next(after: .merge, from: source.status)
        for (kind, count) in try tx.leads.moveWork(ofLead: source.id, toLead: target.id) {
            try tx.leads.record(.mergeMove, field: kind, value: "\(count) rows", onLead: target.id, from: source.number.description)
        }
        try LeadHandoverService.withdrawPendingApprovals(onLead: source.id, in: tx)
        var survivor = try DetailsMerge.absorb(source.details, from: source.number.description, into: target, tx)
        if let last = source.lastFollowUpAt, last > (survivor.lastFollowUpAt ?? .distantPast) {
            let before = survivor
            survivor.lastFollowUpAt = last
            survivor = try tx.leads.update(before, to: survivor, as: .merge, storing: [])
        }
        var tombstone = source
        tombstone.status = .merged
        tombstone.mergedInto = target.number
        try tx.leads.leaveStage(ofLead: source.id)
        _ = try tx.leads.update(source, to: tombstone, as: .merge, storing: [.mergedInto(target.id)])
        return survivor
    }
}
