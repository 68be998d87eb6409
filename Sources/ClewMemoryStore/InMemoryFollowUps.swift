import ClewDomain
import ClewServices
import Foundation

/// A follow-up as the in-memory store keeps it (the `follow_up` table's row).
struct FollowUpRecord {
    var entry: FollowUpEntry
    var leadID: Int64
    /// When it was logged (its `at` may be earlier, as typed).
    var createdAt: Date
}

/// ``ClewServices/FollowUpRepository`` in memory: append-only, as the `follow_up` table.
struct InMemoryFollowUps: FollowUpRepository {
    let transaction: InMemoryTransaction

    private var state: StateBox { transaction.state }

    func insert(_ followUp: FollowUpDraft, onLead id: Int64, inStage stage: String?) throws -> Int64 {
        let actor = transaction.writer()
        state.state.lastFollowUpID += 1
        let entry = FollowUpEntry(id: state.state.lastFollowUpID, at: followUp.at, author: actor.login, method: followUp.method,
                                  contactPerson: followUp.contactPerson, content: followUp.content, feedback: followUp.feedback,
                                  nextAction: followUp.nextAction, nextDue: followUp.nextDue, stage: stage)
        state.state.followUps.append(FollowUpRecord(entry: entry, leadID: id, createdAt: transaction.now))
        return entry.id
    }

    func anyLogged(onLead id: Int64, inStage stage: String, since: Date) throws -> Bool {
        state.state.followUps.contains { $0.leadID == id && $0.entry.stage == stage && $0.createdAt >= since }
    }
}
