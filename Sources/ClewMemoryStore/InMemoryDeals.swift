import ClewDomain
import ClewServices
import Foundation

/// A contract as the in-memory store keeps it, as far as the pipeline opens and closing cancels it.
struct ContractRecord {
    var id: Int64
    var leadID: Int64
    var number: String
    var owner: String?
    var status: ContractStatus
    var version: Int
}

/// ``ClewServices/DealRepository`` in memory, audited as the SQLite store's `contract` and
/// `opportunity` tables (`open` naming the contract's number, `reopen` and `cancel` its status;
/// `lose` an opportunity's). The customer record the SQLite store makes with a contract is not
/// kept here; opportunities are the ones a test gives (``InMemoryStore/setOpportunity(_:ofLead:)``).
struct InMemoryDeals: DealRepository {
    let transaction: InMemoryTransaction

    private var state: StateBox { transaction.state }

    func openContract(for lead: Lead) throws -> Int64 {
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

    func cancelDraftContract(ofLead id: Int64) throws {
        _ = transaction.writer()
        guard var record = state.state.contracts[id], record.status == .draft else { return }
        record.status = .cancelled
        record.version += 1
        state.state.contracts[id] = record
        transaction.audit("cancel", entity: "contract", id: record.id, field: "status", old: ContractStatus.draft.rawValue,
                          new: ContractStatus.cancelled.rawValue)
    }

    func closeOpportunityLost(ofLead id: Int64) throws {
        _ = transaction.writer()
        guard let opportunity = state.state.opportunities[id], opportunity.status == .open else { return }
        state.state.opportunities[id] = InMemoryStore.Opportunity(id: opportunity.id, status: .lost)
        transaction.audit("lose", entity: "opportunity", id: opportunity.id, field: "status", old: OpportunityStatus.open.rawValue,
                          new: OpportunityStatus.lost.rawValue)
    }
}
