import ArgumentParser
import ClewDomain
import ClewServices
import ClewStore
import Foundation

/// A contract in `--json` output: amounts in yuan, days as `YYYY-MM-DD`, nulls kept.
struct ContractJSON: Encodable {
    var number: String
    var customer: String
    var customerID: Int64
    var lead: String
    var owner: String?
    var status: String
    var amount: Double
    var signedOn: String?
    var expectedDelivery: String?
    var paidPlans: Int
    var totalPlans: Int
    var collected: Double
    var outstanding: Double
    var overdue: Double
    var invoiced: Double
    var percentCollected: Int
    var version: Int
    var lines: [LineJSON]

    struct LineJSON: Encodable {
        var item: String
        var quantity: Int
        var unitPrice: Double
        var total: Double
    }

    init(_ summary: ContractSummary) {
        let c = summary.contract
        number = c.number
        customer = c.customerName
        customerID = c.customerID
        lead = c.leadNumber
        owner = c.owner
        status = c.status.rawValue
        amount = c.amount.yuan
        signedOn = c.signedOn?.description
        expectedDelivery = c.expectedDelivery?.description
        paidPlans = summary.paidPlans
        totalPlans = summary.totalPlans
        collected = summary.collected.yuan
        outstanding = summary.outstanding.yuan
        overdue = summary.overdue.yuan
        invoiced = summary.invoiced.yuan
        percentCollected = summary.percentCollected
        version = c.version
        lines = c.lines.map { LineJSON(item: $0.item, quantity: $0.quantity, unitPrice: $0.unitPrice.yuan, total: ((try? $0.total()) ?? .zero).yuan) }
    }
}

/// A contract with its plan, payments and invoices in `--json` output.
struct ContractDetailJSON: Encodable {
    var contract: NullKeepingJSON<ContractJSON>
    var instalments: [InstalmentJSON]
    var payments: [NullKeepingJSON<PaymentJSON>]
    var invoices: [InvoiceJSON]
    var customerCredit: Double

    init(_ detail: ContractDetail) {
        contract = NullKeepingJSON(ContractJSON(detail.summary))
        instalments = detail.instalments.map(InstalmentJSON.init)
        payments = detail.payments.map { NullKeepingJSON(PaymentJSON($0)) }
        invoices = detail.invoices.map(InvoiceJSON.init)
        customerCredit = detail.customerCredit.yuan
    }
}

struct InstalmentJSON: Encodable {
    var id: Int64
    var contract: String
    var customer: String
    var sequence: Int
    var due: String
    var amount: Double
    var paid: Double
    var balance: Double
    var overdue: Bool

    init(_ item: InstalmentItem) {
        id = item.id
        contract = item.contractNumber
        customer = item.customerName
        sequence = item.sequence
        due = item.due.description
        amount = item.amount.yuan
        paid = item.paid.yuan
        balance = item.balance.yuan
        overdue = item.overdueAt != nil
    }
}

struct PaymentJSON: Encodable {
    var id: Int64
    var contract: String
    var customer: String
    var amount: Double
    var receivedOn: String
    var reference: String?
    var reverses: Int64?
    var reversedBy: Int64?
    var reason: String?
    var recordedBy: String
    var credit: Double

    init(_ item: PaymentItem) {
        id = item.id
        contract = item.contractNumber
        customer = item.customerName
        amount = item.amount.yuan
        receivedOn = item.receivedOn.description
        reference = item.reference
        reverses = item.reverses
        reversedBy = item.reversedBy
        reason = item.reason
        recordedBy = item.recordedBy
        credit = item.reverses == nil && item.reversedBy == nil ? item.unallocated.yuan : 0
    }
}

struct InvoiceJSON: Encodable {
    var id: Int64
    var number: String
    var kind: String
    var amount: Double
    var taxRate: String
    var tax: Double
    var issuedOn: String
    var recordedBy: String

    init(_ invoice: Invoice) {
        id = invoice.id
        number = invoice.number
        kind = invoice.kind.rawValue
        amount = invoice.amount.yuan
        taxRate = invoice.taxRate.description
        tax = invoice.tax.yuan
        issuedOn = invoice.issuedOn.description
        recordedBy = invoice.recordedBy
    }
}

/// A day typed on the command line (`2027-01-15`).
enum DayArgument {
    static func parse(_ text: String, option: String) throws -> CalendarDay {
        guard let day = CalendarDay(text) else {
            throw ValidationError(Output.safe("\(option): cannot read '\(text)' as a date; write YYYY-MM-DD (日期格式为 YYYY-MM-DD)"))
        }
        return day
    }
}
