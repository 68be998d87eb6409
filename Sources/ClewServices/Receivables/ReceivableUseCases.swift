import ClewDomain
import Foundation

/// Contracts, payment plans and collection (回款), and the customers behind them.
public protocol ReceivableUseCases: Sendable {
    /// A page of the customers the actor may see, those matching `text` when given.
    func customers(matching text: String?, offset: Int, limit: Int) throws -> [CustomerSummary]
    /// One customer by name or id, with contacts, contracts, payments and timeline.
    func customer(_ key: String) throws -> CustomerDetail
    /// One contract with its instalments, payments and invoices.
    func contract(_ number: String) throws -> ContractDetail
    /// The aged receivables as of `asOf` (today when nil), up to `contractLimit` contracts listed.
    func report(asOf: CalendarDay?, contractLimit: Int) throws -> ReceivablesReport
    /// Records a payment received on contract `number`.
    @discardableResult
    func addPayment(_ number: String, amount: Money, on day: CalendarDay?, reference: String?, credit: Bool) throws -> PaymentItem
    /// Records an invoice issued on contract `number`.
    @discardableResult
    func addInvoice(_ number: String, amount: Money, kind: InvoiceKind, taxRate: TaxRate, invoiceNumber: String,
                    issuedOn: CalendarDay?) throws -> Invoice
}
