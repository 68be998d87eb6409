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

/// A contract as the in-memory store keeps it, as far as the pipeline opens it.
struct ContractRecord {
    var id: Int64
    var leadID: Int64
    var number: String
    var owner: String?
    var status: ContractStatus
    var version: Int
}

/// ``ClewServices/ContractRepository`` in memory, audited as the SQLite store's `contract` table
/// (`open` naming the number; `reopen` a cancelled one). The customer record the SQLite store
/// makes with it is not kept here.
struct InMemoryContracts: ContractRepository {
    let transaction: InMemoryTransaction

    private var state: StateBox { transaction.state }

    func openDraft(for lead: Lead) throws -> Int64 {
        _ = transaction.writer()
        if var record = state.state.contracts[lead.id] {
            if record.status == .cancelled {
                let (oldOwner, oldStatus) = (record.owner, record.status)
                record.status = .draft
                record.owner = lead.owner
                record.version += 1
                state.state.contracts[lead.id] = record
                transaction.audit("reopen", entity: "contract", id: record.id, field: "status", old: oldStatus.rawValue, new: ContractStatus.draft.rawValue)
                if oldOwner != lead.owner {
                    transaction.audit("reopen", entity: "contract", id: record.id, field: "owner", old: oldOwner, new: lead.owner)
                }
            }
            return record.id
        }
        state.state.lastContractID += 1
        let record = ContractRecord(id: state.state.lastContractID, leadID: lead.id, number: Contract.number(forLead: lead.number.description),
                                    owner: lead.owner, status: .draft, version: 1)
        state.state.contracts[lead.id] = record
        transaction.audit("open", entity: "contract", id: record.id, field: "number", new: record.number, version: 1)
        return record.id
    }
}
