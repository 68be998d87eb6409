import ArgumentParser
import ClewDomain
import ClewServices
import ClewStore
import Foundation

/// `clew customer list|show`: customers (客户) with their contacts, contracts, payments and timeline.
struct CustomerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "customer", abstract: "Customers: list, show contacts, contracts, payments and timeline.",
        subcommands: [List.self, Show.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the customers you may see (reps: those of their own deals).")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Only names containing this.") var name: String?
        @Option(help: "At most this many.") var limit: Int = 200
        @Flag(help: "Print JSON.") var json = false

        struct Item: Encodable {
            var id: Int64, name: String, industry: String?, region: String?, contracts: Int
            var contracted: Double, collected: Double, overdue: Double, credit: Double
        }

        func run() throws {
            let environment = try CommandEnvironment.open(global)
            let customers = try ReceivableService(context: environment.context, actor: environment.actor).customers(matching: name, limit: limit)
            if json {
                return try Output.json(customers.map {
                    NullKeepingJSON(Item(id: $0.id, name: $0.name, industry: $0.industry, region: $0.region, contracts: $0.contracts,
                                         contracted: $0.contracted.yuan, collected: $0.collected.yuan, overdue: $0.overdue.yuan, credit: $0.credit.yuan))
                })
            }
            Output.table(["ID", "CUSTOMER", "INDUSTRY", "REGION", "CONTRACTS", "CONTRACTED", "COLLECTED", "OVERDUE", "CREDIT"], customers.map {
                [String($0.id), $0.name, $0.industry ?? "", $0.region ?? "", String($0.contracts), $0.contracted.description, $0.collected.description,
                 $0.overdue.fen > 0 ? $0.overdue.description : "", $0.credit.fen > 0 ? $0.credit.description : ""]
            })
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a customer (by id or exact name).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The customer's id or exact name.") var customer: String

        func run() throws {
            let environment = try CommandEnvironment.open(global)
            let detail = try ReceivableService(context: environment.context, actor: environment.actor).customer(customer)
            let s = detail.summary
            Output.line(Output.safe("#\(s.id) \(s.name)  \([s.industry, s.region].compactMap { $0 }.joined(separator: " · "))"))
            Output.line(Output.safe("  contracted \(s.contracted), collected \(s.collected), overdue \(s.overdue)"
                                    + (s.credit.fen > 0 ? ", credit \(s.credit)" : "")))
            if !detail.contacts.isEmpty {
                Output.line()
                Output.table(["CONTACT", "TITLE", "PHONE", "EMAIL"], detail.contacts.map { [$0.name, $0.title ?? "", $0.phone ?? "", $0.email ?? ""] })
            }
            if !detail.contracts.isEmpty {
                Output.line()
                Output.table(["CONTRACT", "STATUS", "AMOUNT", "COLLECTED", "PLANS PAID", "OVERDUE"], detail.contracts.map {
                    [$0.contract.number, $0.contract.status.rawValue, $0.contract.amount.description, "\($0.collected) (\($0.percentCollected)%)",
                     "\($0.paidPlans)/\($0.totalPlans)", $0.overdue.fen > 0 ? $0.overdue.description : ""]
                })
            }
            if !detail.payments.isEmpty {
                Output.line()
                Output.table(["PAYMENT", "CONTRACT", "RECEIVED", "AMOUNT", "REF"], detail.payments.map {
                    [String($0.id), $0.contractNumber, $0.receivedOn.description, $0.amount.description, $0.reference ?? ""]
                })
            }
            if !detail.timeline.isEmpty {
                Output.line()
                Output.table(["WHEN", "WHO", "WHAT", ""], detail.timeline.map { [Output.time($0.at), $0.actor, "\($0.action) \($0.entity)", $0.detail] })
            }
        }
    }
}
