import ClewDomain
import ClewServices
import Foundation
import GRDB

/// Manual tags on leads (`clew lead tag`): each one a `lead_tag` record with who put it on and
/// when, written through the audited path together with the lead's own tag set, which every
/// filter, search and rule reads.
public struct TagService: Sendable {
    let context: ClewContext
    public let actor: ActingUser

    public init(context: ClewContext, actor: ActingUser) {
        self.context = context
        self.actor = actor
    }

    /// The lead's tags, sorted, each with who put it on by hand (nil for a keyword tag the
    /// automation found).
    public func tags(of number: String) throws -> [LeadTag] {
        try context.read { db in
            let lead = try LeadLookup.require(db, number, for: .read, by: actor)
            return try Self.tags(of: lead, db)
        }
    }

    /// Puts `names` on the lead (those it carries already are left as they are). A dimension's
    /// value (`客户类型=高潜力`, `[[tag.dimension]]` in the process file) replaces the lead's other
    /// value of that dimension.
    ///
    /// - Throws: ``TagError`` for a name that is not a tag, ``PickListError`` for a dimension or
    ///   value the process file does not define (with "did you mean"), ``PermissionError`` when the actor
    ///   may not edit the lead, ``LeadError/merged(number:into:)`` for a merged lead.
    /// - Returns: the lead's tags afterwards.
    @discardableResult
    public func add(_ names: [String], to number: String) throws -> [LeadTag] {
        let dimensions = context.process.tagDimensions
        let names = try Self.validated(try names.map { name throws(PickListError) in try TagDimension.checked(name, in: dimensions) })
        return try context.mutate(as: actor) { m in
            let lead = try Self.editable(number, m)
            var tagged = lead
            for name in names where !lead.tags.contains(name) {
                if let dimension = TagDimension.split(name)?.name {
                    for other in tagged.tags where other != name && TagDimension.split(other)?.name == dimension {
                        tagged.tags.remove(other)
                        try Self.markRemoved(other, leadID: lead.id, m)
                    }
                }
                tagged.tags.insert(name)
                if let id = try Int64.fetchOne(m.db, sql: "SELECT id FROM lead_tag WHERE lead_id = ? AND tag = ?", arguments: [lead.id, name]) {
                    try m.change(.leadTag, .id(id), ["added_by": m.actor.login, "added_at": m.now.storage, "removed_by": nil, "removed_at": nil],
                                 action: "tag", silent: ["added_at", "removed_at"])
                } else {
                    try m.insert(into: .leadTag, ["lead_id": lead.id, "tag": name, "added_by": m.actor.login, "added_at": m.now.storage],
                                 action: "tag", summary: ("tag", name))
                }
            }
            if tagged != lead { try Self.store(lead, as: tagged, action: .tag, context: context, m) }
            return try Self.tags(of: tagged, m.db)
        }
    }

    /// Takes `names` off the lead — manual and keyword tags alike.
    ///
    /// - Throws: ``TagError/notOnLead(tag:number:)`` for a tag the lead does not carry (and then
    ///   nothing changes), and as ``add(_:to:)``.
    /// - Returns: the lead's tags afterwards.
    @discardableResult
    public func remove(_ names: [String], from number: String) throws -> [LeadTag] {
        let names = try Self.validated(names)
        return try context.mutate(as: actor) { m in
            let lead = try Self.editable(number, m)
            if let missing = names.first(where: { !lead.tags.contains($0) }) {
                throw TagError.notOnLead(tag: missing, number: lead.number.description)
            }
            var untagged = lead
            for name in names {
                untagged.tags.remove(name)
                try Self.markRemoved(name, leadID: lead.id, m)
            }
            try Self.store(lead, as: untagged, action: .untag, context: context, m)
            return try Self.tags(of: untagged, m.db)
        }
    }

    // MARK: - Helpers

    /// Writes the lead's new tag set, rescored when a scoring rule tests a tag dimension (`tag:NAME`).
    private static func store(_ lead: Lead, as changed: Lead, action: LeadChange, context: ClewContext, _ m: Mutation) throws {
        let testsTags = context.process.scoring.dimensions.contains { $0.rules.contains { $0.field.hasPrefix(ScoringModel.tagFieldPrefix) } }
        guard testsTags else { _ = try m.update(lead, to: changed, action: action); return }
        let (rescored, score) = try LeadRescoring.rescored(changed, context.transaction(m))
        _ = try m.update(lead, to: rescored, action: action, also: ["score_parts": score.storedParts])
    }

    /// Records who took manual tag `name` off lead `leadID` (a keyword tag has no record).
    private static func markRemoved(_ name: String, leadID: Int64, _ m: Mutation) throws {
        if let id = try Int64.fetchOne(m.db, sql: "SELECT id FROM lead_tag WHERE lead_id = ? AND tag = ? AND removed_at IS NULL",
                                       arguments: [leadID, name]) {
            try m.change(.leadTag, .id(id), ["removed_by": m.actor.login, "removed_at": m.now.storage], action: "untag", silent: ["removed_at"])
        }
    }

    /// The lead's value of each tag dimension the process file defines, in the file's order
    /// (nil for one it has none of).
    public func dimensions(of number: String) throws -> [(dimension: TagDimension, value: String?)] {
        let lead = try context.read { db in try LeadLookup.require(db, number, for: .read, by: actor) }
        return context.process.tagDimensions.map { ($0, TagDimension.value(of: $0.name, in: lead.tags)) }
    }

    private static func validated(_ names: [String]) throws -> [String] {
        var seen = Set<String>()
        return try names.map { try LeadTag.name($0) }.filter { seen.insert($0).inserted }
    }

    private static func editable(_ number: String, _ m: Mutation) throws -> Lead {
        let lead = try LeadLookup.require(m, number, for: .edit)
        if lead.status == .merged { throw LeadError.merged(number: lead.number.description, into: lead.mergedInto?.description) }
        return lead
    }

    static func tags(of lead: Lead, _ db: Database) throws -> [LeadTag] {
        var manual: [String: LeadTag] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT tag, added_by, added_at FROM lead_tag WHERE lead_id = ? AND removed_at IS NULL",
                                    arguments: [lead.id]) {
            manual[row["tag"]] = LeadTag(name: row["tag"], addedBy: row["added_by"], addedAt: Date(storage: row["added_at"]))
        }
        return lead.tags.sorted().map { manual[$0] ?? LeadTag(name: $0) }
    }
}
