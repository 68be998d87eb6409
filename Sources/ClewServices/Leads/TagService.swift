import ClewDomain
import Foundation

/// Manual tags on leads (`clew lead tag`), over the ports (issue 9's `tag` record): each one a
/// record of who put it on and when (``TagRepository``), written in one transaction with the
/// lead's own tag set, which every filter, search and rule reads.
///
/// ```swift
/// let tags = TagService(store: store, actor: rep)
/// try tags.add(["价格异议", "客户类型=高潜力"], to: "XL-20261203-001")
/// ```
public struct TagService: TagUseCases {
    let store: any ServiceStore
    /// The user the service acts for.
    public let actor: ActingUser

    public init(store: any ServiceStore, actor: ActingUser) {
        self.store = store
        self.actor = actor
    }

    /// The lead's tags, sorted, each with who put it on by hand (nil for a keyword tag the
    /// automation found).
    public func tags(of number: String) throws -> [LeadTag] {
        try store.read { tx in try Self.tags(of: try tx.requireLead(number, for: .read, by: actor), in: tx) }
    }

    /// Puts `names` on the lead (those it carries already are left as they are). A dimension's
    /// value (`客户类型=高潜力`, `[[tag.dimension]]` in the process file) replaces the lead's other
    /// value of that dimension.
    ///
    /// - Throws: ``ClewDomain/TagError`` for a name that is not a tag, ``ClewDomain/PickListError``
    ///   for a dimension or value the process file does not define (with "did you mean"),
    ///   `PermissionError` when the actor may not edit the lead, ``ClewDomain/LeadError/merged(number:into:)``
    ///   for a merged lead.
    /// - Returns: the lead's tags afterwards.
    @discardableResult
    public func add(_ names: [String], to number: String) throws -> [LeadTag] {
        try store.write(as: actor) { tx in
            // The dimensions as the process in force for this transaction defines them.
            let dimensions = tx.rules.process.tagDimensions
            let names = try Self.validated(try names.map { name throws(PickListError) in try TagDimension.checked(name, in: dimensions) })
            let lead = try editable(number, in: tx)
            var tagged = lead
            for name in names where !lead.tags.contains(name) {
                if let dimension = TagDimension.split(name)?.name {
                    for other in tagged.tags where other != name && TagDimension.split(other)?.name == dimension {
                        tagged.tags.remove(other)
                        try tx.tags.takeOff(other, onLead: lead.id)
                    }
                }
                tagged.tags.insert(name)
                try tx.tags.put(name, onLead: lead.id)
            }
            if tagged != lead { try Self.store(lead, as: tagged, as: .tag, in: tx) }
            return try Self.tags(of: tagged, in: tx)
        }
    }

    /// Takes `names` off the lead — manual and keyword tags alike.
    ///
    /// - Throws: ``ClewDomain/TagError/notOnLead(tag:number:)`` for a tag the lead does not carry
    ///   (and then nothing changes), and as ``add(_:to:)``.
    /// - Returns: the lead's tags afterwards.
    @discardableResult
    public func remove(_ names: [String], from number: String) throws -> [LeadTag] {
        let names = try Self.validated(names)
        return try store.write(as: actor) { tx in
            let lead = try editable(number, in: tx)
            if let missing = names.first(where: { !lead.tags.contains($0) }) {
                throw TagError.notOnLead(tag: missing, number: lead.number.description)
            }
            var untagged = lead
            for name in names {
                untagged.tags.remove(name)
                try tx.tags.takeOff(name, onLead: lead.id)
            }
            try Self.store(lead, as: untagged, as: .untag, in: tx)
            return try Self.tags(of: untagged, in: tx)
        }
    }

    /// The lead's value of each tag dimension the process file defines, in the file's order
    /// (nil for one it has none of).
    public func dimensions(of number: String) throws -> [(dimension: TagDimension, value: String?)] {
        try store.read { tx in
            let lead = try tx.requireLead(number, for: .read, by: actor)
            return tx.rules.process.tagDimensions.map { ($0, TagDimension.value(of: $0.name, in: lead.tags)) }
        }
    }

    // MARK: - Helpers

    /// Writes the lead's new tag set, rescored when a scoring rule tests a tag dimension (`tag:NAME`).
    private static func store(_ lead: Lead, as changed: Lead, as change: LeadChange, in tx: any StoreTransaction) throws {
        let testsTags = tx.rules.process.scoring.dimensions.contains { $0.rules.contains { $0.field.hasPrefix(ScoringModel.tagFieldPrefix) } }
        guard testsTags else { _ = try tx.leads.update(lead, to: changed, as: change, storing: []); return }
        let (rescored, score) = try LeadRescoring.rescored(changed, tx)
        _ = try tx.leads.update(lead, to: rescored, as: change, storing: [.scoreParts(score.storedParts)])
    }

    private static func validated(_ names: [String]) throws -> [String] {
        var seen = Set<String>()
        return try names.map { try LeadTag.name($0) }.filter { seen.insert($0).inserted }
    }

    /// The lead `number`, if the actor may edit it and it was not merged away.
    private func editable(_ number: String, in tx: any StoreTransaction) throws -> Lead {
        let lead = try tx.requireLead(number, for: .edit, by: actor)
        if lead.status == .merged { throw LeadError.merged(number: lead.number.description, into: lead.mergedInto?.description) }
        return lead
    }

    /// `lead`'s tags, sorted, the manual ones with their record's who and when.
    static func tags(of lead: Lead, in tx: any StoreTransaction) throws -> [LeadTag] {
        let manual = Dictionary(try tx.tags.manual(onLead: lead.id).map { ($0.name, $0) }) { first, _ in first }
        return lead.tags.sorted().map { manual[$0] ?? LeadTag(name: $0) }
    }
}
