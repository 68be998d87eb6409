import ClewDomain
import ClewServices
import Foundation
import GRDB

/// ``ClewServices/FollowUpRepository`` over the append-only `follow_up` table (its search index
/// kept by triggers), with the assignment's SLA summary (`lead_sla`) kept in the same write.
struct SQLiteFollowUps: FollowUpRepository {
    let db: Database
    let mutation: Mutation?
    /// The rules the SLA summary is kept by.
    let rules: ProcessRules

    func insert(_ followUp: FollowUpDraft, onLead id: Int64, inStage stage: String?) throws -> Int64 {
        let m = SQLiteTransaction.writing(mutation)
        try db.cachedStatement(sql: """
            INSERT INTO follow_up (lead_id, at, author, method, contact_person, content, feedback, next_action, next_due, stage, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [id, followUp.at.storage, m.actor.login, followUp.method.rawValue, followUp.contactPerson, followUp.content,
                                     followUp.feedback, followUp.nextAction, followUp.nextDue?.storage, stage, m.now.storage])
        let followUpID = db.lastInsertedRowID
        try RepSLAOutcomes.record(.followedUp, leadID: id, at: followUp.at, sla: rules.process.sla, calendar: rules.calendar, db)
        return followUpID
    }

    func anyLogged(onLead id: Int64, inStage stage: String, since: Date) throws -> Bool {
        try Bool.fetchOne(db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM follow_up WHERE lead_id = ? AND stage = ? AND created_at >= ?)"),
                          arguments: [id, stage, since.storage]) ?? false
    }
}
