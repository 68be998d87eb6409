import ClewDomain
import ClewServices
import Foundation

/// A manual tag record as the in-memory store keeps it (the `lead_tag` table's row).
struct TagRecord {
    var id: Int64
    var leadID: Int64
    var tag: String
    var addedBy: String
    var addedAt: Date
    var removedBy: String?
    var removedAt: Date?
    var version: Int
}

/// ``ClewServices/TagRepository`` in memory, versioned and audited as the SQLite store's
/// `lead_tag` table: a `tag` row naming the tag when created; when put back on or taken off, one
/// row per changed field that is not a timestamp (one without a field when only those changed).
struct InMemoryTags: TagRepository {
    let transaction: InMemoryTransaction

    private var state: StateBox { transaction.state }

    func manual(onLead id: Int64) throws -> [LeadTag] {
        state.state.tagRecords.values.filter { $0.leadID == id && $0.removedAt == nil }
            .map { LeadTag(name: $0.tag, addedBy: $0.addedBy, addedAt: $0.addedAt) }
    }

    func put(_ name: String, onLead id: Int64) throws {
        let actor = transaction.writer()
        if let record = state.state.tagRecords.values.first(where: { $0.leadID == id && $0.tag == name }) {
            change(record, action: .tag) { record in
                record.addedBy = actor.login
                record.addedAt = transaction.now
                record.removedBy = nil
                record.removedAt = nil
            }
        } else {
            state.state.lastTagRecordID += 1
            let record = TagRecord(id: state.state.lastTagRecordID, leadID: id, tag: name, addedBy: actor.login, addedAt: transaction.now, version: 1)
            state.state.tagRecords[record.id] = record
            transaction.audit(LeadChange.tag.rawValue, entity: "lead_tag", id: record.id, field: "tag", new: name, version: 1)
        }
    }

    func takeOff(_ name: String, onLead id: Int64) throws {
        let actor = transaction.writer()
        guard let record = state.state.tagRecords.values.first(where: { $0.leadID == id && $0.tag == name && $0.removedAt == nil }) else { return }
        change(record, action: .untag) { record in
            record.removedBy = actor.login
            record.removedAt = transaction.now
        }
    }

    /// Changes `record` as `edit` says, as the SQLite store's `Mutation.change` does.
    private func change(_ record: TagRecord, action: LeadChange, _ edit: (inout TagRecord) -> Void) {
        var new = record
        edit(&new)
        let audited: [(field: String, old: String?, new: String?)] = [
            ("added_by", record.addedBy, new.addedBy), ("removed_by", record.removedBy, new.removedBy),
        ].filter { $0.old != $0.new }
        let silentChanged = record.addedAt != new.addedAt || record.removedAt != new.removedAt
        guard !audited.isEmpty || silentChanged else { return }
        new.version = record.version + 1
        state.state.tagRecords[record.id] = new
        for change in audited {
            transaction.audit(action.rawValue, entity: "lead_tag", id: record.id, field: change.field, old: change.old, new: change.new,
                              version: new.version)
        }
        if audited.isEmpty { transaction.audit(action.rawValue, entity: "lead_tag", id: record.id, version: new.version) }
    }
}
