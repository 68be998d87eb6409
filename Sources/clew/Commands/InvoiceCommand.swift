import ArgumentParser
import ClewDomain
import ClewServices
import ClewStore
import Foundation

/// `clew invoice add`: an invoice (开票) issued on a contract.
struct InvoiceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "invoice", abstract: "Record invoices issued on contracts (finance).", subcommands: [Add.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record an invoice; the contract's invoicing task is done with it.",
            discussion: "Invoices on a contract never pass its amount. The amount includes tax (含税).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The contract number (HT-…) or its deal's lead number.") var contract: String
        @Option(help: "The amount including tax (113000, 11.3万).") var amount: String
        @Option(help: "专票 (special VAT invoice) or 普票 (normal).") var type: String
        @Option(name: .customLong("tax-rate"), help: "The VAT rate: 13%, 9%, 6%, 0%.") var taxRate: String
        @Option(help: "The invoice number.") var number: String
        @Option(help: "The day it was issued (YYYY-MM-DD; default today).") var on: String?
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            let environment = try CommandEnvironment.open(global)
            let invoice = try ReceivableService(context: environment.context, actor: environment.actor).addInvoice(
                contract, amount: try AmountArgument.parse(amount), kind: try InvoiceKind(parsing: type), taxRate: try TaxRate(parsing: taxRate),
                invoiceNumber: number, issuedOn: try on.map { try DayArgument.parse($0, option: "--on") })
            if json { return try Output.json(InvoiceJSON(invoice)) }
            Output.line(Output.safe("Invoice \(invoice.number) (\(invoice.kind.chineseName), \(invoice.amount) incl. \(invoice.taxRate) VAT \(invoice.tax)) recorded."))
        }
    }
}
