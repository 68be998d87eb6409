import ClewDomain
import Foundation
import GRDB

/// One change in progress: the open write transaction, who is making it and when.
///
/// Every service writes through a `Mutation`, so every change gets its audit rows in the same
/// transaction as the change itself.
struct Mutation {
    let db: Database
    let actor: ActingUser
    let now: Date

    /// Appends one audit row.
    func audit(_ action: String, entity: String, id: Int64, field: String? = nil, old: String? = nil, new: String? = nil) throws {
        try db.execute(
            sql: "INSERT INTO audit (at, actor, via, action, entity, entity_id, field, old, new) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            arguments: [now.storage, actor.login, actor.impersonator, action, entity, id, field, old, new]
        )
    }

    /// Queues an inbox notification for `recipient` (skipped when it is the actor themself).
    /// `parameters` are what the body says in order (for the kind's catalogue text in the
    /// reader's language); the English `body` is kept for the CLI and older readers.
    func notify(_ recipient: String?, kind: String, leadID: Int64?, body: String, parameters: [String] = []) throws {
        guard let recipient, recipient != actor.login else { return }
        let params: String? = parameters.isEmpty ? nil
            : (try? JSONEncoder().encode(parameters)).flatMap { String(data: $0, encoding: .utf8) }
        try db.execute(
            sql: "INSERT INTO notification (recipient, kind, lead_id, actor, body, created_at, params) VALUES (?, ?, ?, ?, ?, ?, ?)",
            arguments: [recipient, kind, leadID, actor.login, body, now.storage, params]
        )
    }
}

// MARK: - Leads

extension Mutation {
    /// Inserts a new lead and its "created" audit row; returns it with its id.
    func insert(_ lead: Lead, action: String = "create") throws -> Lead {
        let columns = lead.columns(mergedIntoID: nil)
        let names = columns.map(\.name).joined(separator: ", ")
        let marks = Array(repeating: "?", count: columns.count).joined(separator: ", ")
        try db.execute(sql: "INSERT INTO lead (\(names)) VALUES (\(marks))", arguments: StatementArguments(columns.map(\.value)))
        var stored = lead
        stored.id = db.lastInsertedRowID
        try audit(action, entity: "lead", id: stored.id, field: "number", new: lead.number.description)
        return stored
    }

    /// Writes `new` over `old` (the same lead): only changed columns, one audit row per changed
    /// field, the version bumped — refused with ``StoreError/staleVersion(entity:changedBy:at:)``
    /// when the row is no longer at `old.version`.
    @discardableResult
    func update(_ old: Lead, to proposed: Lead, action: String, mergedIntoID: Int64? = nil) throws -> Lead {
        var new = proposed
        new.version = old.version + 1
        new.updatedBy = actor.login
        new.updatedAt = now
        if new.status != old.status { new.statusChangedAt = now }
        let before = old.columns(mergedIntoID: nil)
        let after = new.columns(mergedIntoID: mergedIntoID)
        var sets: [String] = []
        var values: [DatabaseValue] = []
        var audits: [(String, DatabaseValue, DatabaseValue)] = []
        for (a, b) in zip(before, after) where a.value != b.value || (b.name == "merged_into" && mergedIntoID != nil) {
            sets.append("\(b.name) = ?")
            values.append(b.value)
            if b.audited { audits.append((b.name, a.value, b.value)) }
        }
        try db.execute(
            sql: "UPDATE lead SET \(sets.joined(separator: ", ")) WHERE id = ? AND version = ?",
            arguments: StatementArguments(values + [old.id.databaseValue, old.version.databaseValue])
        )
        if db.changesCount == 0 { throw try staleError(leadID: old.id, number: old.number) }
        for (field, oldValue, newValue) in audits {
            try audit(action, entity: "lead", id: old.id, field: field, old: Self.text(oldValue), new: Self.text(newValue))
        }
        if audits.isEmpty { try audit(action, entity: "lead", id: old.id) }
        return new
    }

    /// The "changed by X at T" error for a lead whose version moved on.
    func staleError(leadID: Int64, number: LeadNumber) throws -> StoreError {
        guard let row = try Row.fetchOne(db, sql: "SELECT updated_by, updated_at FROM lead WHERE id = ?", arguments: [leadID]) else {
            return .notFound("lead \(number) no longer exists")
        }
        return .staleVersion(entity: number.description, changedBy: row["updated_by"], at: Date(storage: row["updated_at"]))
    }

    static func text(_ value: DatabaseValue) -> String? {
        switch value.storage {
        case .null: nil
        case let .int64(v): String(v)
        case let .double(v): String(v)
        case let .string(v): v
        case let .blob(v): "<\(v.count) bytes>"
        }
    }
}
