import ClewDomain
import ClewServices
import Foundation
import GRDB

/// One past import, as `clew import list` shows it.
public struct ImportRecord: Hashable, Sendable, Codable {
    public var id: Int64
    public var file: String
    public var format: String
    public var encoding: String?
    public var sheet: String?
    public var rows: Int
    public var inserted: Int
    public var merged: Int
    public var unchanged: Int
    public var rejected: Int
    public var flagged: Int
    public var actor: String
    public var startedAt: Date
    public var finishedAt: Date?
    /// `done`, `undone`, `partly-undone`, `running` (its process is importing now) or
    /// `partial` (it stopped part-way: `clew import --resume FILE` continues it).
    public var status: String
    /// The last row of the file committed.
    public var committedThroughRow: Int
    public var undoneAt: Date?
    public var undoneBy: String?
    /// Leads this import created that still exist.
    public var remaining: Int
}

/// What `clew import undo` did.
public struct ImportUndoReport: Hashable, Sendable, Codable {
    /// A lead left in place, and why.
    public struct Kept: Hashable, Sendable, Codable {
        public var number: String
        public var reason: String
    }

    public var id: Int64
    /// Numbers of the leads removed.
    public var removed: [String]
    /// Leads the import created that were worked on since, so they stay.
    public var kept: [Kept]
    /// Existing leads the import merged details into: merges are not reverted (their notes and
    /// history say what came from the import).
    public var mergesKept: Int
}

extension ImportService {
    /// Past imports, newest first: all of them for admins and supervisors, one's own for others.
    public func history(limit: Int = 50) throws -> [ImportRecord] {
        try context.database.read { db in
            let mine = actor.role == .admin || actor.role == .supervisor ? "1" : "import.actor = ?"
            let arguments: StatementArguments = mine == "1" ? [] : [actor.login]
            return try Row.fetchAll(db, sql: """
                SELECT import.*, (SELECT count(*) FROM import_lead il WHERE il.import_id = import.id AND il.action = 'insert'
                                   AND il.purged_at IS NULL) AS remaining
                FROM import WHERE \(mine) ORDER BY id DESC LIMIT \(max(1, min(limit, 1000)))
                """, arguments: arguments).map(ImportRecord.init(row:))
        }
    }

    /// Removes the leads import `id` created that nobody has touched since — same version, no
    /// follow-ups, tasks, new notes or other leads merged into them — as an audited purge (a
    /// `purge` audit row per lead; the audit trail itself is never deleted). Leads that were
    /// worked on are kept and reported. Admins, and the user who ran the import, may undo it; a
    /// partial import (stopped part-way) is undone like a finished one. The leads go in chunks
    /// of ``undoChunk``, each its own short transaction.
    ///
    /// - Throws: ``StoreError/notFound(_:)``, ``PermissionError``.
    public func undo(_ id: Int64) throws -> ImportUndoReport {
        let status: String = try context.database.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM import WHERE id = ?", arguments: [id]) else {
                throw StoreError.notFound("no import #\(id); see 'clew import list'")
            }
            let importer: String = row["actor"]
            guard actor.role == .admin || actor.login == importer else {
                throw ImportJobError.undoNotAllowed(id: id, importer: importer)
            }
            if ImportRecord.status(row) == "running" {
                throw ImportJobError.stillRunning(id: id, file: row["file"] ?? "?", process: ImportRecord.runner(row).map(\.description) ?? "?")
            }
            return row["status"]
        }
        var report = ImportUndoReport(id: id, removed: [], kept: [], mergesKept: 0)
        var after: Int64 = 0
        while true {
            let last: Int64? = try context.mutate(as: actor) { m in
                try purge(id, after: after, &report, m)
            }
            guard let last else { break }
            after = last
        }
        return try context.mutate(as: actor) { m in
            report.mergesKept = try Int.fetchOne(m.db, sql: "SELECT count(*) FROM import_lead WHERE import_id = ? AND action = 'merge'", arguments: [id]) ?? 0
            let undone = report.kept.isEmpty ? "undone" : "partly-undone"
            try m.db.execute(sql: "UPDATE import SET status = ?, undone_at = ?, undone_by = ? WHERE id = ?",
                             arguments: [undone, m.now.storage, actor.login, id])
            try m.audit("undo", entity: "import", id: id, field: "status", old: status, new: undone)
            return report
        }
    }

    /// Leads removed per transaction by ``undo(_:)``.
    static let undoChunk = 1_000

    /// Purges the next ``undoChunk`` leads import `id` created, after lead id `after`; returns
    /// the last lead id looked at, or nil when none was left.
    private func purge(_ id: Int64, after: Int64, _ report: inout ImportUndoReport, _ m: Mutation) throws -> Int64? {
        let created = try Row.fetchAll(m.db, sql: """
            SELECT il.lead_id, il.lead_version, il.notes, lead.number, lead.version,
              (SELECT count(*) FROM follow_up WHERE lead_id = lead.id) AS follow_ups,
              (SELECT count(*) FROM task WHERE lead_id = lead.id) AS tasks,
              (SELECT count(*) FROM note WHERE lead_id = lead.id) AS notes_now,
              (SELECT count(*) FROM lead other WHERE other.merged_into = lead.id) AS merged_in,
              (SELECT count(*) FROM approval WHERE lead_id = lead.id) + (SELECT count(*) FROM notification WHERE lead_id = lead.id)
                + (SELECT count(*) FROM stage_history WHERE lead_id = lead.id) + (SELECT count(*) FROM customer WHERE source_lead_id = lead.id)
                + (SELECT count(*) FROM contact WHERE source_lead_id = lead.id) + (SELECT count(*) FROM opportunity WHERE lead_id = lead.id) AS other
            FROM import_lead il JOIN lead ON lead.id = il.lead_id
            WHERE il.import_id = ? AND il.action = 'insert' AND il.purged_at IS NULL AND il.lead_id > ?
            ORDER BY il.lead_id LIMIT ?
            """, arguments: [id, after, Self.undoChunk])
        for lead in created {
            let number: String = lead["number"]
            let version: Int = lead["version"]
            let recorded: Int = lead["lead_version"] ?? 1
            var reasons: [String] = []
            if version != recorded { reasons.append("changed since the import (version \(recorded) → \(version))") }
            if (lead["follow_ups"] as Int) > 0 { reasons.append("has follow-ups") }
            if (lead["tasks"] as Int) > 0 { reasons.append("has tasks") }
            if (lead["notes_now"] as Int) > (lead["notes"] as Int? ?? 0) { reasons.append("has new notes") }
            if (lead["merged_in"] as Int) > 0 { reasons.append("other leads were merged into it") }
            if (lead["other"] as Int) > 0 && reasons.isEmpty { reasons.append("is referenced by approvals, notifications or customers") }
            if !reasons.isEmpty {
                report.kept.append(.init(number: number, reason: reasons.joined(separator: ", ")))
                continue
            }
            let leadID: Int64 = lead["lead_id"]
            try m.db.execute(sql: "DELETE FROM note WHERE lead_id = ?", arguments: [leadID])
            try m.db.execute(sql: "DELETE FROM lead_extra WHERE lead_id = ?", arguments: [leadID])
            try m.db.execute(sql: "DELETE FROM lead_tag WHERE lead_id = ?", arguments: [leadID])
            try m.db.execute(sql: "DELETE FROM lead WHERE id = ? AND version = ?", arguments: [leadID, version])
            try m.audit("purge", entity: "lead", id: leadID, field: "number", old: number, new: "undo of import #\(id)")
            try m.db.execute(sql: "UPDATE import_lead SET purged_at = ? WHERE import_id = ? AND lead_id = ?",
                             arguments: [m.now.storage, id, leadID])
            report.removed.append(number)
        }
        return created.last?["lead_id"]
    }
}

extension ImportRecord {
    /// The process an `import` row names as its runner.
    static func runner(_ row: Row) -> ProcessIdentity? {
        guard let host = row["runner_host"] as String?, let pid = row["runner_pid"] as Int64?, let pid32 = Int32(exactly: pid) else { return nil }
        return ProcessIdentity(host: host, pid: pid32, started: row["runner_start"] ?? 0)
    }

    /// The status as shown: a `running` import whose process is gone is `partial`.
    static func status(_ row: Row) -> String {
        let stored: String = row["status"]
        guard stored == "running" else { return stored }
        if let runner = runner(row), !ProcessIdentity.isGone(runner) { return "running" }
        return "partial"
    }

    init(row: Row) {
        id = row["id"]
        file = row["file"]
        format = row["format"]
        encoding = row["encoding"]
        sheet = row["sheet"]
        rows = row["rows"]
        inserted = row["inserted"]
        merged = row["merged"]
        unchanged = row["unchanged"]
        rejected = row["rejected"]
        flagged = row["flagged"]
        actor = row["actor"]
        startedAt = Date(storage: row["started_at"])
        finishedAt = (row["finished_at"] as Double?).map(Date.init(storage:))
        status = Self.status(row)
        committedThroughRow = row["resume_row"] ?? 0
        undoneAt = (row["undone_at"] as Double?).map(Date.init(storage:))
        undoneBy = row["undone_by"]
        remaining = row["remaining"]
    }
}
