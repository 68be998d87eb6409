import ClewServices
@testable import ClewStore
import GRDB
import Testing

@Suite("Stored-table registry")
struct StoredTableRegistryTests {
    /// The schema's own tables: SQLite's, GRDB's and the full-text indexes' shadow tables left out.
    private func schemaTables(_ db: TemporaryDatabase) throws -> Set<String> {
        let names = try db.strings("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'grdb_%'")
        let shadows = ["_data", "_idx", "_content", "_docsize", "_config"]
        return Set(names.filter { name in !shadows.contains { name.hasSuffix($0) } })
    }

    @Test func everyTableIsAuditedOrExemptWithAReason() throws {
        let db = try TemporaryDatabase()
        let known = Set(StoredTable.allCases.map(\.rawValue))
        let unregistered = try schemaTables(db).subtracting(known)
        #expect(unregistered.isEmpty, "tables neither audited nor exempt (add them to StoredTable): \(unregistered.sorted())")
        let missing = known.subtracting(try schemaTables(db))
        #expect(missing.isEmpty, "StoredTable names tables the schema does not have: \(missing.sorted())")
        for table in StoredTable.allCases {
            if case let .exempt(reason) = table.policy { #expect(reason.count > 20, "\(table) needs a real reason") }
        }
    }

    @Test func versionedTablesHaveAVersionColumn() throws {
        let db = try TemporaryDatabase()
        for table in StoredTable.allCases where table.isVersioned {
            let columns = try db.database.read { db in try db.columns(in: table.rawValue).map(\.name) }
            #expect(columns.contains("version"), "\(table.rawValue) is versioned but has no version column")
        }
    }

    @Test func aChangeThroughTheAuditedPathBumpsTheVersionAndAuditsEachField() throws {
        let db = try TemporaryDatabase()
        let tasks = try db.tasks("alice")
        let task = try tasks.add(title: "准备报价单", lead: nil, assignee: nil, due: nil)
        let until = db.clock.now().addingTimeInterval(86_400)
        try tasks.snooze(task.id, until: until)
        try tasks.complete(task.id)
        #expect(try db.count("SELECT version FROM task WHERE id = ?", [task.id]) == 3)
        let rows = try db.auditRows(entity: "task", id: task.id)
        #expect(rows.map(\.action) == ["create", "snooze", "complete"])
        #expect(try db.strings("SELECT CAST(version AS TEXT) FROM audit WHERE entity = 'task' AND entity_id = ? ORDER BY id", [task.id])
            == ["1", "2", "3"])
    }

    @Test func automationWritesOnALeadBumpItsVersionWithAnAuditRow() throws {
        let db = try TemporaryDatabase()
        let lead = try db.activeLead()
        let assignedAt = try db.strings("SELECT CAST(assigned_at AS TEXT) FROM lead WHERE id = ?", [lead.id])
        #expect(assignedAt.first != nil, "assigning sets assigned_at in the same versioned write")
        let versions = try db.strings("SELECT CAST(version AS TEXT) FROM audit WHERE entity = 'lead' AND entity_id = ? AND version IS NOT NULL ORDER BY id", [lead.id])
        #expect(versions.last == String(try db.stored(lead.number).version), "the last audit row names the lead's current version")
    }
}
