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
    /// Records what won `lead` becomes (成交, `conversion`): its customer — the contract's, the
    /// lead's own, one of the same name, else a new one —, the contact when the customer does
    /// not know it yet, and the opportunity won (the one it was converted into, else a new one).
    func recordWin(_ conversion: LeadConversion, of lead: Lead) throws
    /// What lead `id` became before or at its win, if anything: its customer (the opportunity's,
    /// else the lead's own), the contacts made from it and its opportunity.
    func conversion(ofLead id: Int64) throws -> LeadConversionSummary?
    /// Records what converting `lead` once the rep confirmed intent makes (`plan`, 转换线索):
    /// the customer (the contract's, the lead's own, one of the same name, else a new one), the
    /// contact when asked for, and an open opportunity — the lead's lost one reopened, else a
    /// new one — when asked for. Returns the customer's id and the opportunity's.
    func recordConversion(_ plan: IntentConversion, of lead: Lead) throws -> (customerID: Int64, opportunityID: Int64?)
    /// Corrects the amount lead `id`'s opportunity was won for (audited `correct-amount`), when
    /// it has one.
    func correctWonAmount(ofLead id: Int64, to amount: Money) throws
    /// Signs `lead`'s contract on the win (opening it first when the win skipped the contract
    /// stage): signed today, for its owner, for `amount` unless its lines already total it.
    func signContract(for lead: Lead, amount: Money) throws
}
