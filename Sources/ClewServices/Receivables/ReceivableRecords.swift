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

    /// A value with each of its fields given.
    public init(contract: Contract, paidPlans: Int, totalPlans: Int, collected: Money, invoiced: Money, overdue: Money) {
        self.contract = contract
        self.paidPlans = paidPlans
        self.totalPlans = totalPlans
        self.collected = collected
        self.invoiced = invoiced
        self.overdue = overdue
    }
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

    /// A value with each of its fields given.
    public init(id: Int64, contractNumber: String, customerName: String, sequence: Int, due: CalendarDay, amount: Money, paid: Money,
                overdueAt: Date? = nil) {
        self.id = id
        self.contractNumber = contractNumber
        self.customerName = customerName
        self.sequence = sequence
        self.due = due
        self.amount = amount
        self.paid = paid
        self.overdueAt = overdueAt
    }
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

    /// A value with each of its fields given.
    public init(id: Int64, contractNumber: String, customerName: String, amount: Money, receivedOn: CalendarDay, reference: String? = nil,
                reverses: Int64? = nil, reversedBy: Int64? = nil, reason: String? = nil, recordedBy: String, unallocated: Money) {
        self.id = id
        self.contractNumber = contractNumber
        self.customerName = customerName
        self.amount = amount
        self.receivedOn = receivedOn
        self.reference = reference
        self.reverses = reverses
        self.reversedBy = reversedBy
        self.reason = reason
        self.recordedBy = recordedBy
        self.unallocated = unallocated
    }
}

/// A contract with everything under it.
public struct ContractDetail: Hashable, Sendable {
    public var summary: ContractSummary
    public var instalments: [InstalmentItem]
    public var payments: [PaymentItem]
    public var invoices: [Invoice]
    /// Credit the customer has (payments not yet allocated).
    public var customerCredit: Money

    /// A value with each of its fields given.
    public init(summary: ContractSummary, instalments: [InstalmentItem], payments: [PaymentItem], invoices: [Invoice],
                customerCredit: Money) {
        self.summary = summary
        self.instalments = instalments
        self.payments = payments
        self.invoices = invoices
        self.customerCredit = customerCredit
    }
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

    /// A value with each of its fields given.
    public init(id: Int64, name: String, industry: String? = nil, region: String? = nil, contracts: Int, contracted: Money,
                collected: Money, overdue: Money, credit: Money) {
        self.id = id
        self.name = name
        self.industry = industry
        self.region = region
        self.contracts = contracts
        self.contracted = contracted
        self.collected = collected
        self.overdue = overdue
        self.credit = credit
    }
}

/// A person at a customer.
public struct CustomerContact: Hashable, Sendable {
    public var name: String
    public var title: String?
    public var phone: String?
    public var email: String?

    /// A value with each of its fields given.
    public init(name: String, title: String? = nil, phone: String? = nil, email: String? = nil) {
        self.name = name
        self.title = title
        self.phone = phone
        self.email = email
    }
}

/// One entry of a customer's timeline: a change to it, its contracts, plans, payments or invoices.
public struct CustomerEvent: Hashable, Sendable {
    public var at: Date
    public var actor: String
    public var action: String
    public var entity: String
    public var detail: String

    /// A value with each of its fields given.
    public init(at: Date, actor: String, action: String, entity: String, detail: String) {
        self.at = at
        self.actor = actor
        self.action = action
        self.entity = entity
        self.detail = detail
    }
}

/// A customer with its contacts, contracts, payments and timeline.
public struct CustomerDetail: Hashable, Sendable {
    public var summary: CustomerSummary
    public var contacts: [CustomerContact]
    public var contracts: [ContractSummary]
    public var payments: [PaymentItem]
    public var timeline: [CustomerEvent]

    /// A value with each of its fields given.
    public init(summary: CustomerSummary, contacts: [CustomerContact], contracts: [ContractSummary], payments: [PaymentItem],
                timeline: [CustomerEvent]) {
        self.summary = summary
        self.contacts = contacts
        self.contracts = contracts
        self.payments = payments
        self.timeline = timeline
    }
}
