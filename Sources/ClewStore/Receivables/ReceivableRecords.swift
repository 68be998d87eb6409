import ClewDomain
import Foundation

/// A contract in a list, with its collection figures (CordysCRM's "paid plans / total plans").
public struct ContractSummary: Hashable, Sendable {
    public var contract: Contract
    /// Instalments fully paid, and all of them.
    public var paidPlans: Int
    public var totalPlans: Int
    public var collected: Money
    public var invoiced: Money
    /// Owed on instalments whose due date has passed.
    public var overdue: Money

    /// What is still to come on the contract.
    public var outstanding: Money { Money(fen: max(contract.amount.fen - collected.fen, 0)) }
    /// Collected as a share of the amount, in whole percent (0 for no amount).
    public var percentCollected: Int { contract.amount.fen > 0 ? Int(collected.fen * 100 / contract.amount.fen) : 0 }
}

/// One instalment of a plan, as stored.
public struct InstalmentItem: Hashable, Sendable, Codable {
    public var id: Int64
    public var contractNumber: String
    /// The name of the contract's customer (客户).
    public var customerName: String
    public var sequence: Int
    public var due: CalendarDay
    public var amount: Money
    public var paid: Money
    /// When a reminder level marked it overdue (逾期).
    public var overdueAt: Date?

    public var balance: Money { Money(fen: max(amount.fen - paid.fen, 0)) }
    public var isPaid: Bool { paid >= amount }
}

/// Money received, or a reversal of it.
public struct PaymentItem: Hashable, Sendable, Codable {
    public var id: Int64
    public var contractNumber: String
    public var customerName: String
    public var amount: Money
    public var receivedOn: CalendarDay
    public var reference: String?
    /// The payment this one reverses (a reversal's amount is negative).
    public var reverses: Int64?
    /// The reversal of this payment, if any.
    public var reversedBy: Int64?
    public var reason: String?
    public var recordedBy: String
    /// What it did not allocate to instalments: credit on the customer.
    public var unallocated: Money
}

/// A contract with everything under it.
public struct ContractDetail: Hashable, Sendable {
    public var summary: ContractSummary
    public var instalments: [InstalmentItem]
    public var payments: [PaymentItem]
    public var invoices: [Invoice]
    /// Credit the customer has (payments not yet allocated).
    public var customerCredit: Money
}

/// A customer in a list.
public struct CustomerSummary: Hashable, Sendable {
    public var id: Int64
    public var name: String
    public var industry: String?
    public var region: String?
    public var contracts: Int
    public var contracted: Money
    public var collected: Money
    public var overdue: Money
    public var credit: Money
}

/// A person at a customer.
public struct CustomerContact: Hashable, Sendable {
    public var name: String
    public var title: String?
    public var phone: String?
    public var email: String?
}

/// One entry of a customer's timeline: a change to it, its contracts, plans, payments or invoices.
public struct CustomerEvent: Hashable, Sendable {
    public var at: Date
    public var actor: String
    public var action: String
    public var entity: String
    public var detail: String
}

/// A customer with its contacts, contracts, payments and timeline.
public struct CustomerDetail: Hashable, Sendable {
    public var summary: CustomerSummary
    public var contacts: [CustomerContact]
    public var contracts: [ContractSummary]
    public var payments: [PaymentItem]
    public var timeline: [CustomerEvent]
}
