import ClewDomain
import ClewServices
import Foundation
import GRDB

/// ``ClewServices/TagRepository`` over the `lead_tag` table, audited through ``Mutation``.
struct SQLiteTags: TagRepository {
    let db: Database
    let mutation: Mutation?

    private var writing: Mutation { SQLiteTransaction.writing(mutation) }

    func manual(onLead id: Int64) throws -> [LeadTag] {
        try Row.fetchAll(db.cachedStatement(sql: "SELECT tag, added_by, added_at FROM lead_tag WHERE lead_id = ? AND removed_at IS NULL"),
                         arguments: [id]).map { row in
            LeadTag(name: row["tag"], addedBy: row["added_by"], addedAt: Date(storage: row["added_at"]))
        }
    }

    func put(_ name: String, onLead id: Int64) throws {
        let m = writing
        if let record = try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM lead_tag WHERE lead_id = ? AND tag = ?"), arguments: [id, name]) {
            try m.change(.leadTag, .id(record), ["added_by": m.actor.login, "added_at": m.now.storage, "removed_by": nil, "removed_at": nil],
                         action: LeadChange.tag.rawValue, silent: ["added_at", "removed_at"])
        } else {
            try m.insert(into: .leadTag, ["lead_id": id, "tag": name, "added_by": m.actor.login, "added_at": m.now.storage],
                         action: LeadChange.tag.rawValue, summary: ("tag", name))
        }
    }

    func takeOff(_ name: String, onLead id: Int64) throws {
        let m = writing
        if let record = try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM lead_tag WHERE lead_id = ? AND tag = ? AND removed_at IS NULL"),
                                           arguments: [id, name]) {
            try m.change(.leadTag, .id(record), ["removed_by": m.actor.login, "removed_at": m.now.storage],
                         action: LeadChange.untag.rawValue, silent: ["removed_at"])
        }
    }
}
