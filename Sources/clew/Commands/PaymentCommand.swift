import ArgumentParser
import ClewDomain
import ClewServices
import ClewStore
import Foundation

/// `clew payment add|reverse`: money received (回款记录), and its correction by reversal.
struct PaymentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "payment", abstract: "Record money received against a contract, or reverse a payment (finance).",
        subcommands: [Add.self, Reverse.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record a payment; it pays the oldest open instalments first (partial payments kept).",
            discussion: "More than is owed is refused unless --credit, which keeps the rest as credit on the customer for its next instalment.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The contract number (HT-…) or its deal's lead number.") var contract: String
        @Argument(help: "The amount received (120000, 12万).") var amount: String
        @Option(help: "The day it was received (YYYY-MM-DD; default today).") var on: String?
        @Option(help: "The bank reference (流水号).") var ref: String?
        @Flag(help: "Keep what is beyond the open balance as credit on the customer.") var credit = false
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            let environment = try CommandEnvironment.open(global)
            let payment = try ReceivableService(context: environment.context, actor: environment.actor).addPayment(
                contract, amount: try AmountArgument.parse(amount), on: try on.map { try DayArgument.parse($0, option: "--on") }, reference: ref,
                credit: credit)
            if json { return try Output.json(NullKeepingJSON(PaymentJSON(payment))) }
            Output.line(Output.safe("Payment #\(payment.id): \(payment.amount) on \(payment.contractNumber) received \(payment.receivedOn)"
                                    + (payment.unallocated.fen > 0 ? "; \(payment.unallocated) kept as credit on \(payment.customerName)" : "") + "."))
        }
    }

    struct Reverse: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Reverse a payment (红冲): its allocations are taken back; nothing is edited.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The payment id.") var id: Int64
        @Option(help: "Why (required).") var reason: String
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            let environment = try CommandEnvironment.open(global)
            let reversal = try ReceivableService(context: environment.context, actor: environment.actor).reversePayment(id, reason: reason)
            if json { return try Output.json(NullKeepingJSON(PaymentJSON(reversal))) }
            Output.line(Output.safe("Payment #\(id) reversed by #\(reversal.id) (\(reversal.amount)) on \(reversal.contractNumber)."))
        }
    }
}
