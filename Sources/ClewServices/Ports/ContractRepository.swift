import ClewDomain
import Foundation

/// The contracts (合同) of a transaction, as far as the pipeline opens them; the receivables use
/// cases read and change them further. Every write is versioned and audited.
public protocol ContractRepository {
    /// Opens `lead`'s draft contract as it enters the contract stage (合同签订): a new one, numbered
    /// after the lead, for its customer (made when the lead has none yet), or the lead's cancelled
    /// one reopened for its owner; one already open is left as it is. Returns its id.
    func openDraft(for lead: Lead) throws -> Int64
}
