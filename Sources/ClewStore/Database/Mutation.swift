import ClewDomain
import ClewServices
import Foundation
import GRDB

/// One change in progress: the open write transaction, who is making it and when.
///
/// Every service writes through a `Mutation`, so every change gets its version bump and its
/// audit rows in the same transaction as the change itself: ``insert(into:_:action:summary:)``
/// and ``change(_:_:_:action:)`` for any audited ``StoredTable``, ``insert(_:action:)`` and
/// ``update(_:to:action:mergedIntoID:also:)`` for leads.
package struct Mutation {
    let db: Database
    package let actor: ActingUser
    package let now: Date
    /// What the whole transaction shares: the versions its editors started from.
    let session: MutationSession

    init(db: Database, actor: ActingUser, now: Date, session: MutationSession = MutationSession()) {
        self.db = db
        self.actor = actor
        self.now = now
        self.session = session
    }

    /// Appends one audit row; `version` is the record version the change produced.
    func audit(_ action: String, entity: String, id: Int64, field: String? = nil, old: String? = nil, new: String? = nil,
               version: Int? = nil) throws {
        try db.cachedStatement(sql: "INSERT INTO audit (at, actor, via, action, entity, entity_id, field, old, new, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)").execute(
            arguments: [now.storage, actor.login, actor.impersonator, action, entity, id, field, old, new, version]
        )
    }

    /// Queues an inbox notification for `recipient` (skipped when it is the actor themself).
    /// `text` names the kind's catalogue text (the kind's one text when `nil`) and `parameters`
    /// are what it says in order, so an interface writes it in the reader's language; the
    /// English `body` is kept for the CLI and older readers.
    package func notify(_ recipient: String?, kind: String, text: String? = nil, leadID: Int64?, body: String, parameters: [String] = []) throws {
        guard let recipient, recipient != actor.login else { return }
        let params = NotificationParameters(text: text, values: parameters).storage
        try db.execute(
            sql: "INSERT INTO notification (recipient, kind, lead_id, actor, body, created_at, params) VALUES (?, ?, ?, ?, ?, ?, ?)",
            arguments: [recipient, kind, leadID, actor.login, body, now.storage, params]
        )
        try ReminderForwarding.forward(to: recipient, kind: kind, body: body, leadID: leadID, self)
    }
}

/// What the steps of one write transaction share.
final class MutationSession {
    /// The lead version each editor started from, by lead id: an edit conflicts only with
    /// changes made to its fields after that version.
    var baseVersions: [Int64: Int] = [:]

    init() {}
}

// MARK: - Any audited record

extension Mutation {
    /// The key of one record: its integer `id`, or a user's `login`.
    enum RecordKey {
        case id(Int64)
        case login(String)

        var column: String {
            switch self {
            case .id: "id"
            case .login: "login"
            }
        }

        var value: DatabaseValue {
            switch self {
            case let .id(id): id.databaseValue
            case let .login(login): login.databaseValue
            }
        }
    }

    /// Inserts one record of an audited table with its "create" audit row (naming `summary`'s
    /// field and value); returns its row id.
    @discardableResult
    func insert(into table: StoredTable, _ values: KeyValuePairs<String, (any DatabaseValueConvertible)?>, action: String = "create",
                summary: (field: String, value: String?)? = nil) throws -> Int64 {
        guard case .audited = table.policy else { preconditionFailure("\(table) is exempt from the audited path") }
        let names = values.map(\.key)
        let marks = Array(repeating: "?", count: names.count).joined(separator: ", ")
        try db.execute(sql: "INSERT INTO \(table.rawValue) (\(names.joined(separator: ", "))) VALUES (\(marks))",
                       arguments: StatementArguments(values.map { $0.value?.databaseValue ?? .null }))
        let id = db.lastInsertedRowID
        try audit(action, entity: table.entity, id: id, field: summary?.field, new: summary?.value, version: table.isVersioned ? 1 : nil)
        return id
    }

    /// Whether record `key` of `table` still holds the `expected` values: the condition of a
    /// compare-and-set (another process claimed the outbox message first…). Read inside this
    /// write transaction, so nothing can change between this check and the ``change(_:_:_:action:silent:)``
    /// that follows it. False when the record is gone.
    func holds(_ table: StoredTable, _ key: RecordKey, _ expected: KeyValuePairs<String, (any DatabaseValueConvertible)?>) throws -> Bool {
        let names = expected.map(\.key)
        guard let row = try Row.fetchOne(db, sql: "SELECT \(names.joined(separator: ", ")) FROM \(table.rawValue) WHERE \(key.column) = ?",
                                         arguments: [key.value]) else { return false }
        return expected.enumerated().allSatisfy { index, pair in (row[index] as DatabaseValue) == (pair.value?.databaseValue ?? .null) }
    }

    /// Changes columns of one record of an audited table: only the columns whose value differs
    /// are written, the version is bumped (for a versioned table) and one audit row is appended
    /// per changed column (one without a field when only `silent` columns changed).
    ///
    /// - Parameter silent: columns whose change is kept without their own audit row (timestamps
    ///   and derived values); the change itself is still audited.
    /// - Returns: the record's new version (nil for an unversioned table), or nil when nothing
    ///   changed and nothing was written.
    /// - Throws: ``StoreError/notFound(_:)`` when there is no such record.
    @discardableResult
    func change(_ table: StoredTable, _ key: RecordKey, _ values: KeyValuePairs<String, (any DatabaseValueConvertible)?>,
                action: String, silent: Set<String> = []) throws -> Int? {
        guard case .audited = table.policy else { preconditionFailure("\(table) is exempt from the audited path") }
        let names = values.map(\.key)
        let versionColumn = table.isVersioned ? ", version" : ""
        guard let row = try Row.fetchOne(
            db, sql: "SELECT rowid, \(names.joined(separator: ", "))\(versionColumn) FROM \(table.rawValue) WHERE \(key.column) = ?",
            arguments: [key.value])
        else { throw StoreError.notFound("\(table.entity) \(key.value) no longer exists") }
        let rowID: Int64 = row[0]
        var sets: [String] = []
        var arguments: [DatabaseValue] = []
        var audits: [(field: String, old: DatabaseValue, new: DatabaseValue)] = []
        for (index, pair) in values.enumerated() {
            let old: DatabaseValue = row[index + 1]
            let new = pair.value?.databaseValue ?? .null
            guard old != new else { continue }
            sets.append("\(pair.key) = ?")
            arguments.append(new)
            if !silent.contains(pair.key) { audits.append((pair.key, old, new)) }
        }
        guard !sets.isEmpty else { return nil }
        var version: Int?
        if table.isVersioned {
            let current: Int = row[names.count + 1]
            version = current + 1
            sets.append("version = ?")
            arguments.append(current.advanced(by: 1).databaseValue)
        }
        try db.execute(sql: "UPDATE \(table.rawValue) SET \(sets.joined(separator: ", ")) WHERE rowid = ?",
                       arguments: StatementArguments(arguments + [rowID.databaseValue]))
        for change in audits {
            try audit(action, entity: table.entity, id: rowID, field: change.field, old: Self.text(change.old, column: change.field),
                      new: Self.text(change.new, column: change.field), version: version)
        }
        if audits.isEmpty { try audit(action, entity: table.entity, id: rowID, version: version) }
        return version
    }
}

// MARK: - Leads

extension Mutation {
    /// Inserts a new lead and its "created" audit row; returns it with its id.
    func insert(_ lead: Lead, action: String = "create") throws -> Lead {
        let columns = lead.columns(mergedIntoID: nil)
        let names = columns.map(\.name).joined(separator: ", ")
        let marks = Array(repeating: "?", count: columns.count).joined(separator: ", ")
        try db.cachedStatement(sql: "INSERT INTO lead (\(names)) VALUES (\(marks))").execute(arguments: StatementArguments(columns.map(\.value)))
        var stored = lead
        stored.id = db.lastInsertedRowID
        try audit(action, entity: "lead", id: stored.id, field: "number", new: lead.number.description, version: lead.version)
        return stored
    }

    /// Writes `proposed` over `old` (the same lead, as read in this transaction): only changed
    /// columns, one audit row per changed field, the version bumped.
    ///
    /// Optimistic concurrency is per field: when the editor started from an older version (see
    /// ``LeadLookup/require(_:_:for:expectedVersion:)``) the edit is refused with
    /// ``StoreError/staleVersion(entity:changedBy:at:)`` only if a field it changes was changed
    /// after that version — a follow-up, a note or a task in between never makes it stale.
    ///
    /// - Parameter extra: columns outside ``Lead`` written in the same versioned update
    ///   (`assigned_at`, `home_pool`, …); they are audited unless listed in
    ///   ``Lead/silentColumns``.
    @discardableResult
    package func update(_ old: Lead, to proposed: Lead, action: LeadChange, mergedIntoID: Int64? = nil,
                also extra: KeyValuePairs<String, (any DatabaseValueConvertible)?> = [:]) throws -> Lead {
        try update(old, to: proposed, action: action, mergedIntoID: mergedIntoID, columns: extra.map { ($0.key, $0.value?.databaseValue ?? .null) })
    }

    /// ``update(_:to:action:mergedIntoID:also:)`` with the extra columns as a list (built at run time).
    func update(_ old: Lead, to proposed: Lead, action: LeadChange, mergedIntoID: Int64? = nil,
                columns extra: [(key: String, value: DatabaseValue)]) throws -> Lead {
        // The version and the extra columns as stored, in one read.
        let names = ["version"] + extra.map(\.key)
        guard let stored = try Row.fetchOne(db.cachedStatement(sql: "SELECT \(names.joined(separator: ", ")) FROM lead WHERE id = ?"), arguments: [old.id]) else {
            throw StoreError.notFound("lead \(old.number) no longer exists")
        }
        let current: Int = stored[0]
        let extraChanges = extra.enumerated().compactMap { index, pair -> (name: String, was: DatabaseValue, value: DatabaseValue)? in
            let was: DatabaseValue = stored[index + 1]
            let value = pair.value
            return was == value ? nil : (pair.key, was, value)
        }
        if proposed == old, extraChanges.isEmpty { return old }
        var new = proposed
        new.version = current + 1
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
        let edited = audits.map(\.0).filter { !LeadFieldNames.derived.contains($0) }
        let base = session.baseVersions.removeValue(forKey: old.id) ?? old.version
        if base != current, !edited.isEmpty, let conflict = try lastChange(of: old.id, fields: edited, after: base) {
            throw StoreError.staleVersion(entity: old.number.description, changedBy: conflict.actor, at: conflict.at)
        }
        for change in extraChanges {
            sets.append("\(change.name) = ?")
            values.append(change.value)
            if !Lead.silentColumns.contains(change.name) { audits.append((change.name, change.was, change.value)) }
        }
        try db.cachedStatement(sql: "UPDATE lead SET \(sets.joined(separator: ", ")) WHERE id = ?")
            .execute(arguments: StatementArguments(values + [old.id.databaseValue]))
        for (field, oldValue, newValue) in audits {
            // A time kept beside the lead (`converted_at`) reads as one, as in every other table's rows.
            try audit(action.rawValue, entity: "lead", id: old.id, field: field, old: Self.text(oldValue, column: field),
                      new: Self.text(newValue, column: field), version: new.version)
        }
        if audits.isEmpty { try audit(action.rawValue, entity: "lead", id: old.id, version: new.version) }
        return new
    }

    /// Who last changed one of `fields` of lead `id` after `version`, and when.
    func lastChange(of id: Int64, fields: [String], after version: Int) throws -> (actor: String, at: Date)? {
        let marks = Array(repeating: "?", count: fields.count).joined(separator: ", ")
        let row = try Row.fetchOne(db, sql: """
            SELECT actor, at FROM audit
            WHERE entity = 'lead' AND entity_id = ? AND version > ? AND field IN (\(marks))
            ORDER BY id DESC LIMIT 1
            """, arguments: StatementArguments([id.databaseValue, version.databaseValue] + fields.map(\.databaseValue)))
        return row.map { ($0["actor"], Date(storage: $0["at"])) }
    }

    /// An audited value as text; the schema's date columns (named `…_at` or `…_until`, seconds
    /// since 1970) as a timestamp a person reads.
    static func text(_ value: DatabaseValue, column: String) -> String? {
        if column.hasSuffix("_at") || column.hasSuffix("_until"), let seconds = Double.fromDatabaseValue(value) {
            return StoreError.timestamp(Date(storage: seconds))
        }
        return text(value)
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
