import ClewDomain
import ClewServices
import Foundation
import GRDB

// The lead's writes over SQLite: the versioned, audited, per-field-checked update is
// ``Mutation/update(_:to:action:mergedIntoID:also:)``; events and notes are append-only rows
// audited on their lead.

extension SQLiteLeads {
    private var writing: Mutation { SQLiteTransaction.writing(mutation) }

    func beginEdit(ofLead id: Int64, fromVersion version: Int) throws {
        writing.session.baseVersions[id] = version
    }

    func update(_ old: Lead, to proposed: Lead, as change: LeadChange, storing side: [LeadSideValue]) throws -> Lead {
        let columns = side.map { value -> (key: String, value: DatabaseValue) in
            switch value {
            case let .scoreParts(parts): ("score_parts", parts.databaseValue)
            }
        }
        return try writing.update(old, to: proposed, action: change, columns: columns)
    }

    func firstLead(withContact key: ContactKey, excluding id: Int64?) throws -> Lead? {
        let (column, value) = switch key {
        case let .phone(phone): ("phone_key", phone)
        case let .email(email): ("email_key", email)
        }
        let sql = "SELECT \(Lead.selection) FROM lead WHERE \(column) = ? AND id != ? ORDER BY status = 'merged', id LIMIT 1"
        return try Row.fetchOne(db.cachedStatement(sql: sql), arguments: [value, id ?? -1]).map(Lead.init(row:))
    }

    func events(ofLead id: Int64) throws -> [String] {
        try String.fetchAll(db.cachedStatement(sql: "SELECT event FROM lead_event WHERE lead_id = ? ORDER BY id"), arguments: [id])
    }

    func recordEvent(_ event: String, onLead id: Int64) throws {
        let m = writing
        try db.cachedStatement(sql: "INSERT INTO lead_event (lead_id, event, at, actor) VALUES (?, ?, ?, ?)")
            .execute(arguments: [id, event, m.now.storage, m.actor.login])
        try m.audit("event", entity: "lead", id: id, field: "event", new: event)
    }

    func addNote(_ body: String, toLead id: Int64) throws -> Int64 {
        let m = writing
        let note = try Notes.insert(id, kind: "note", body: body, m)
        try m.audit("note", entity: "lead", id: id, field: "note", new: String(note))
        return note
    }
}
