import ClewDomain
import ClewServices
import Foundation
import GRDB

// MARK: - Reading

extension LeadService {
    /// A page of leads the actor may see, newest first.
    public func list(_ query: LeadQuery) throws -> [Lead] {
        try context.read { db in
            let filters = try query.criteria(among: [.readableBy(actor)], pipeline: context.pipeline, now: context.clock.now()).sql()
            var conditions = [filters.sql]
            var arguments = filters.arguments
            if let after = query.after {
                let number = try LeadLookup.parse(after)
                guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM lead WHERE number = ?", arguments: [number.description]) else {
                    throw StoreError.notFound("no lead \(number) to continue after")
                }
                conditions.append("lead.id < ?")
                arguments += [id]
            }
            let limit = max(1, min(query.limit, 1000))
            let sql = "SELECT \(Lead.selection) FROM lead WHERE \(conditions.joined(separator: " AND ")) ORDER BY lead.id DESC LIMIT \(limit)"
            return try Lead.fetchAll(db, sql: sql, arguments: arguments)
        }
    }

    /// One lead the actor may see.
    public func lead(_ number: String) throws -> Lead {
        try context.read { try LeadLookup.require($0, number, for: .read, by: actor) }
    }

    /// One lead with its follow-ups, tasks, notes, stage tracking, approvals and history.
    public func detail(_ number: String) throws -> LeadDetail {
        try context.read { db in
            let lead = try LeadLookup.require(db, number, for: .read, by: actor)
            let followUps = try Row.fetchAll(db, sql: """
                SELECT id, at, author, method, contact_person, content, feedback, next_action, next_due, stage
                FROM follow_up WHERE lead_id = ? ORDER BY at DESC, id DESC
                """, arguments: [lead.id]).map { row in
                FollowUpEntry(id: row["id"], at: Date(storage: row["at"]), author: row["author"],
                              method: FollowUpMethod(rawValue: row["method"]) ?? .other, contactPerson: row["contact_person"],
                              content: row["content"], feedback: row["feedback"], nextAction: row["next_action"],
                              nextDue: (row["next_due"] as Double?).map(Date.init(storage:)), stage: row["stage"])
            }
            let tasks = try Row.fetchAll(db, sql: "SELECT \(Tasks.selection) FROM task WHERE lead_id = ? ORDER BY status = 'open' DESC, due_at", arguments: [lead.id])
                .map(TaskItem.init(row:))
            let notes = try Row.fetchAll(db, sql: "SELECT id, author, kind, body, created_at FROM note WHERE lead_id = ? ORDER BY created_at, id", arguments: [lead.id])
                .map { NoteEntry(id: $0["id"], author: $0["author"], kind: $0["kind"], body: $0["body"], createdAt: Date(storage: $0["created_at"])) }
            let stages = try SQLiteLeads(db: db).stageVisits(ofLead: lead.id)
            let approvals = try Row.fetchAll(db, sql: "SELECT \(ApprovalItem.selection) FROM approval JOIN lead ON lead.id = approval.lead_id WHERE approval.lead_id = ? ORDER BY approval.id", arguments: [lead.id])
                .compactMap(ApprovalItem.init(row:))
            let merged = try Row.fetchAll(db, sql: "SELECT id, number FROM lead WHERE merged_into = ?", arguments: [lead.id])
            let ids = [lead.id] + merged.map { $0["id"] as Int64 }
            let marks = ids.map { _ in "?" }.joined(separator: ",")
            // The lead's own rows and those of its tasks and approvals.
            let history = try Row.fetchAll(db, sql: """
                SELECT id, at, actor, via, action, entity, entity_id, field, old, new FROM audit
                WHERE (entity = 'lead' AND entity_id IN (\(marks)))
                   OR (entity = 'task' AND entity_id IN (SELECT id FROM task WHERE lead_id IN (\(marks))))
                   OR (entity = 'approval' AND entity_id IN (SELECT id FROM approval WHERE lead_id IN (\(marks))))
                ORDER BY id
                """, arguments: StatementArguments(ids + ids + ids)).map(AuditEntry.init(row:))
            let custom = try Row.fetchAll(db, sql: "SELECT name, value FROM lead_extra WHERE lead_id = ? ORDER BY rowid", arguments: [lead.id])
                .map { CustomField(name: $0["name"], value: $0["value"]) }
            return LeadDetail(lead: lead, followUps: followUps, tasks: tasks, notes: notes, stages: stages,
                              approvals: approvals, history: history, mergedFrom: merged.map { $0["number"] }, customFields: custom,
                              score: context.process.scoring.shownScore(of: lead, storedParts: try SQLiteLeads(db: db).storedScoreParts(of: [lead.id])[lead.id]),
                              consents: try LeadConsent.all(db, leadIDs: ids), conversion: try LeadConversionSummary.fetch(leadID: lead.id, db),
                              capturedAt: lead.capturedAt)
        }
    }
}

extension AuditEntry {
    init(row: Row) {
        self.init(id: row["id"],
                  at: Date(storage: row["at"]),
                  actor: row["actor"],
                  via: row["via"],
                  action: row["action"],
                  entity: row["entity"],
                  entityID: row["entity_id"],
                  field: row["field"],
                  old: row["old"],
                  new: row["new"])
    }
}
