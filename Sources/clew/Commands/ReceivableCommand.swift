import ArgumentParser
import ClewDomain
import ClewServices
import ClewStore
import Foundation

/// `clew receivable plan`: a contract's payment plan (回款计划).
struct ReceivableCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "receivable", abstract: "Payment plans (回款计划) of signed contracts (finance).",
        subcommands: [Plan.self])

    struct Plan: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make a contract's payment plan: --instalments N --every SPAN [--first DATE], or --due DATE:PERCENT (repeat).",
            discussion: """
                Amounts sum exactly to the contract; leftover fen go to the last instalment. SPAN uses the process file's grammar: \
                30d, 30 days, 1 month (Jan 31 → Feb 28/29), 2 working days. The first due date defaults to the signed date plus one period. \
                Credit the customer has is applied at once.
                """)
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The contract number (HT-…) or its deal's lead number.") var contract: String
        @Option(help: "How many equal instalments.") var instalments: Int?
        @Option(help: "The period between them: 30d, 1 month, 2 working days.") var every: String?
        @Option(help: "The first due date (YYYY-MM-DD).") var first: String?
        @Option(name: .customLong("due"), help: "An instalment DATE:PERCENT (repeat), e.g. 2027-01-15:40%.") var dues: [String] = []
        @Flag(help: "Replace an existing plan (only when nothing is paid on it).") var replace = false
        @Flag(help: "Print JSON.") var json = false

        func validate() throws {
            if dues.isEmpty == (instalments == nil) { throw ValidationError("give --instalments N --every SPAN, or --due DATE:PERCENT (not both)") }
            if instalments != nil, every == nil { throw ValidationError("--instalments needs --every (30d, 1 month)") }
            if !dues.isEmpty, every != nil || first != nil { throw ValidationError("--due takes its dates itself; drop --every and --first") }
        }

        func run() throws {
            let environment = try CommandEnvironment.open(global)
            let request: ReceivableService.PlanRequest
            if let instalments, let every {
                request = .evenly(count: instalments, every: try CalendarSpan(parsing: every),
                                  first: try first.map { try DayArgument.parse($0, option: "--first") })
            } else {
                request = .shares(try dues.map { try PaymentPlan.Share(parsing: $0) })
            }
            let detail = try ReceivableService(context: environment.context, actor: environment.actor).plan(contract, request, replace: replace)
            if json { return try Output.json(ContractDetailJSON(detail)) }
            ContractCommand.print(detail)
        }
    }
}
