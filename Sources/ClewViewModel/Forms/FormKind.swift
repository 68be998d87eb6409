import ClewDomain

/// Which form is open, and what it acts on.
public enum FormKind: Hashable, Sendable, Codable {
    case newLead
    case editLead(number: String, version: Int)
    case followUp(number: String)
    case grade(number: String)
    case assign(numbers: [String])
    case win(number: String)
    case convert(number: String)
    case tags(number: String)
    case lose(number: String)
    case returnToPool(number: String)
    case addTask(number: String?)
    case note(number: String)
    case object(number: String)
    case rejectApproval(id: Int64)
    case approveApproval(id: Int64)
    case snooze(taskID: Int64)
    /// A payment received (finance screen), on the contract given, defaulting to the balance.
    case recordPayment(contract: String?, balance: Money?)
    /// An invoice issued (finance screen), defaulting to what is not yet invoiced.
    case recordInvoice(contract: String?, amount: Money?)
    /// The customer screen's name filter.
    case findCustomer(current: String)
}
