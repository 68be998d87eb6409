import ClewDomain
import Foundation

/// The records a deal becomes, as far as the pipeline and closing a lead change them: its
/// contract (合同) and its opportunity. The receivables use cases read and change them further.
/// Every write is versioned and audited.
public protocol DealRepository {
    /// Opens `lead`'s draft contract as it enters the contract stage (合同签订): a new one, numbered
    /// after the lead, for its customer (made when the lead has none yet), or the lead's cancelled
    /// one reopened for its owner; one already open is left as it is. Returns its id.
    func openContract(for lead: Lead) throws -> Int64
    /// Cancels lead `id`'s draft contract (the deal was lost), audited `cancel`; a signed one stays.
    func cancelDraftContract(ofLead id: Int64) throws
    /// Closes lead `id`'s open opportunity as lost (audited `lose`), when it has one.
    func closeOpportunityLost(ofLead id: Int64) throws
}
