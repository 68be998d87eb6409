import ArgumentParser
import ClewDomain
import ClewServices
import ClewStore
import Foundation

struct ApprovalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "approval", abstract: "List and decide approval requests (stage skips, contracts, late objections).",
        subcommands: [List.self, Approve.self, Reject.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Requests waiting for you.")

        @OptionGroup var global: GlobalOptions
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            let environment = try CommandEnvironment.open(global)
            let items = try ApprovalService(context: environment.context, actor: environment.actor).pending()
            if json { return try Output.json(items) }
            if items.isEmpty { return Output.line("No approvals waiting.") }
            Output.table(["ID", "KIND", "LEAD", "CUSTOMER", "FROM", "TO", "BY", "REASON"], items.map {
                ["#\($0.id)", $0.kind.rawValue, $0.leadNumber, $0.leadCustomer, $0.fromStage ?? "", $0.toStage ?? "", $0.requestedBy, $0.reason ?? ""]
            })
        }
    }

    struct Approve: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Approve a request; the lead moves.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Request id.") var id: Int64
        @Option(help: "A comment for the requester.") var comment: String?

        func run() throws {
            let environment = try CommandEnvironment.open(global)
            let item = try ApprovalService(context: environment.context, actor: environment.actor).approve(id, comment: comment)
            Output.line(item.kind == .objection ? "Approved #\(item.id): \(item.leadNumber) is back in screening."
                        : item.kind == .dealAmount ? "Approved #\(item.id): \(item.leadNumber) may now be won for that amount (clew lead win)."
                        : "Approved #\(item.id): \(item.leadNumber) is now in \(item.toStage ?? "").")
        }
    }

    struct Reject: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Reject a request with a comment.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Request id.") var id: Int64
        @Option(help: "Why (required).") var comment: String

        func run() throws {
            let environment = try CommandEnvironment.open(global)
            let item = try ApprovalService(context: environment.context, actor: environment.actor).reject(id, comment: comment)
            Output.line("Rejected #\(item.id) (\(item.leadNumber)).")
        }
    }
}
