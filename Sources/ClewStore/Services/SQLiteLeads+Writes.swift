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
        let mergedInto = side.compactMap { value -> Int64? in if case let .mergedInto(id) = value { id } else { nil } }.last
        return try writing.update(old, to: proposed, action: change, mergedIntoID: mergedInto, columns: side.compactMap(Self.column))
    }

    func moveWork(ofLead source: Int64, toLead target: Int64) throws -> [(kind: String, count: Int)] {
        _ = writing
        return try ["follow_up", "task", "note"].compactMap { table in
            try db.execute(sql: "UPDATE \(table) SET lead_id = ? WHERE lead_id = ?", arguments: [target, source])
            return db.changesCount > 0 ? (table, db.changesCount) : nil
        }
    }

    /// The `lead` column a side value is kept in, and its value (nil for the survivor of a
    /// merge, which ``Mutation/update(_:to:action:mergedIntoID:columns:)`` writes itself).
    private static func column(_ value: LeadSideValue) -> (key: String, value: DatabaseValue)? {
        switch value {
        case .mergedInto: nil
        case let .scoreParts(parts): ("score_parts", parts.databaseValue)
        case let .previousLead(id): ("previous_lead_id", id.databaseValue)
        case let .assignedAt(date): ("assigned_at", date?.storage.databaseValue ?? .null)
        case let .homePool(pool): ("home_pool", pool.databaseValue)
        case let .closedAt(date): ("closed_at", date?.storage.databaseValue ?? .null)
        case let .convertedAt(date): ("converted_at", date?.storage.databaseValue ?? .null)
        }
    }

    func assignment(ofLead id: Int64) throws -> LeadAssignment {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT assigned_at, home_pool FROM lead WHERE id = ?"), arguments: [id]) else {
            return LeadAssignment()
        }
        return LeadAssignment(assignedAt: (row["assigned_at"] as Double?).map(Date.init(storage:)), homePool: row["home_pool"])
    }

    func lastActor(of change: LeadChange, onLead id: Int64) throws -> String? {
        try String.fetchOne(db.cachedStatement(sql: """
            SELECT actor FROM audit WHERE entity = 'lead' AND entity_id = ? AND action = ? ORDER BY id DESC LIMIT 1
            """), arguments: [id, change.rawValue])
    }

    func recordedValues(of change: LeadChange, onLead id: Int64) throws -> [String] {
        try String.fetchAll(db.cachedStatement(sql: """
            SELECT new FROM audit WHERE entity = 'lead' AND entity_id = ? AND action = ? AND new IS NOT NULL ORDER BY id
            """), arguments: [id, change.rawValue])
    }

    func stageVisits(ofLead id: Int64) throws -> [StageVisit] {
        try Row.fetchAll(db.cachedStatement(sql: """
            SELECT stage, entered_at, planned_exit_at, exited_at FROM stage_history WHERE lead_id = ? ORDER BY entered_at, id
            """), arguments: [id]).map { row in
            StageVisit(stage: row["stage"], enteredAt: Date(storage: row["entered_at"]),
                       plannedExitAt: (row["planned_exit_at"] as Double?).map(Date.init(storage:)),
                       exitedAt: (row["exited_at"] as Double?).map(Date.init(storage:)))
        }
    }

    func enterStage(_ stage: String, ofLead id: Int64, plannedExit: Date?) throws {
        guard let rules else { preconditionFailure("a stage entered outside a transaction's rules") }
        try StageTracking.enter(stage, leadID: id, plannedExit: plannedExit, sla: rules.process.sla, calendar: rules.calendar, writing)
    }

    func leaveStage(ofLead id: Int64) throws {
        try StageTracking.close(leadID: id, writing)
    }

    func nextNumber(on day: CalendarDay) throws -> LeadNumber {
        try LeadNumbering.next(db, on: day)
    }

    func insert(_ lead: Lead, storing side: [LeadSideValue]) throws -> Lead {
        let m = writing
        var stored = try m.insert(lead)
        // Created in this transaction with their creation audited: their own columns need no row.
        for (column, value) in side.compactMap(Self.column) {
            try db.cachedStatement(sql: "UPDATE lead SET \(column) = ? WHERE id = ?").execute(arguments: [value, stored.id])
        }
        if let capturedAt = lead.capturedAt {
            try LeadCapture.record(capturedAt, leadID: stored.id, m)
            stored.capturedAt = capturedAt
        }
        return stored
    }

    func record(_ fact: LeadChange, field: String, old: String?, value: String?, onLead id: Int64, atVersion version: Int?) throws {
        try writing.audit(fact.rawValue, entity: "lead", id: id, field: field, old: old, new: value, version: version)
    }

    func customerOfLatestOpportunity(ofLead id: Int64) throws -> Int64? {
        try Int64.fetchOne(db, sql: "SELECT customer_id FROM opportunity WHERE lead_id = ? ORDER BY id DESC LIMIT 1", arguments: [id])
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
        try m.audit(LeadChange.event.rawValue, entity: "lead", id: id, field: "event", new: event)
    }

    func addNote(_ body: String, kind: NoteKind, toLead id: Int64) throws -> Int64 {
        try Notes.insert(id, kind: kind, body: body, writing)
    }
}
