import ArgumentParser
import ClewDomain
import ClewServices
import ClewStore
import Foundation

/// `clew contract list|show|edit`: contracts (合同) of won and contract-stage deals.
struct ContractCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "contract", abstract: "Contracts: list, show, edit lines and dates.",
        discussion: "Entering the contract stage (合同签订) opens a draft; winning signs it. Finance plans and collects it: clew receivable plan, clew payment add, clew invoice add.",
        subcommands: [List.self, Show.self, Edit.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the contracts you may see (reps: their own).")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Only this status: draft, signed, cancelled.") var status: String?
        @Option(help: "At most this many (newest first).") var limit: Int = 200
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            let environment = try CommandEnvironment.open(global)
            let wanted = try status.map { text in
                guard let status = ContractStatus(rawValue: text) else { throw ValidationError("--status: use draft, signed or cancelled") }
                return status
            }
            let contracts = try ReceivableService(context: environment.context, actor: environment.actor).contracts(status: wanted, limit: limit)
            if json { return try Output.json(contracts.map { NullKeepingJSON(ContractJSON($0)) }) }
            Output.table(["CONTRACT", "CUSTOMER", "OWNER", "STATUS", "AMOUNT", "COLLECTED", "PLANS PAID", "OVERDUE", "SIGNED"], contracts.map {
                [$0.contract.number, $0.contract.customerName, $0.contract.owner ?? "", $0.contract.status.rawValue, $0.contract.amount.description,
                 "\($0.collected) (\($0.percentCollected)%)", "\($0.paidPlans)/\($0.totalPlans)", $0.overdue.fen > 0 ? $0.overdue.description : "",
                 $0.contract.signedOn?.description ?? ""]
            })
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a contract: lines, plan, payments, invoices.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The contract number (HT-…) or its deal's lead number.") var contract: String
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            let environment = try CommandEnvironment.open(global)
            let detail = try ReceivableService(context: environment.context, actor: environment.actor).contract(contract)
            if json { return try Output.json(ContractDetailJSON(detail)) }
            ContractCommand.print(detail)
        }
    }

    struct Edit: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Edit a contract: lines and amount (drafts), signed date, expected delivery.",
            discussion: "--line replaces all lines (repeat it): ITEM:QUANTITY:UNIT_PRICE, e.g. --line '软件许可:2:190000' --line '实施服务:1:5万'.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The contract number (HT-…) or its deal's lead number.") var contract: String
        @Option(name: .customLong("line"), help: "A line ITEM:QUANTITY:UNIT_PRICE (repeat; replaces all lines).") var lines: [String] = []
        @Option(help: "The amount, when the contract has no lines (380000, 38万).") var amount: String?
        @Option(name: .customLong("signed"), help: "The signed date (YYYY-MM-DD).") var signed: String?
        @Option(help: "The expected delivery date (YYYY-MM-DD).") var delivery: String?
        @Option(name: .customLong("expect-version"), help: "Refuse the edit if the contract changed since this version.") var expectVersion: Int?
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            let environment = try CommandEnvironment.open(global)
            let parsed = try lines.map { try ContractLine(parsing: $0) }
            let detail = try ReceivableService(context: environment.context, actor: environment.actor).editContract(
                contract, lines: parsed.isEmpty ? nil : parsed, amount: try amount.map(AmountArgument.parse),
                signedOn: try signed.map { try DayArgument.parse($0, option: "--signed") },
                delivery: try delivery.map { try DayArgument.parse($0, option: "--delivery") }, expectedVersion: expectVersion)
            if json { return try Output.json(ContractDetailJSON(detail)) }
            ContractCommand.print(detail)
        }
    }

    /// What `contract show` says beside a payment: the reversal it is or has, or its credit.
    static func note(on payment: PaymentItem) -> String {
        if let reversed = payment.reverses { return "reverses #\(reversed): \(payment.reason ?? "")" }
        if let reversal = payment.reversedBy { return "reversed by #\(reversal)" }
        return payment.unallocated.fen > 0 ? "credit \(payment.unallocated)" : ""
    }

    /// The text form of `contract show`.
    static func print(_ detail: ContractDetail) {
        let s = detail.summary
        let c = s.contract
        Output.line(Output.safe("\(c.number)  \(c.customerName)  [\(c.status.rawValue) \(c.status.chineseName)]  v\(c.version)"))
        Output.line(Output.safe("  deal \(c.leadNumber), owner \(c.owner ?? "-"), amount \(c.amount), signed \(c.signedOn?.description ?? "-"), delivery \(c.expectedDelivery?.description ?? "-")"))
        Output.line(Output.safe("  collected \(s.collected) (\(s.percentCollected)%), outstanding \(s.outstanding), overdue \(s.overdue), invoiced \(s.invoiced), plans paid \(s.paidPlans)/\(s.totalPlans)"))
        if detail.customerCredit.fen > 0 { Output.line(Output.safe("  customer credit \(detail.customerCredit)")) }
        if !c.lines.isEmpty {
            Output.line()
            Output.table(["LINE", "ITEM", "QTY", "UNIT PRICE", "TOTAL"], c.lines.enumerated().map {
                [String($0.offset + 1), $0.element.item, String($0.element.quantity), $0.element.unitPrice.description,
                 ((try? $0.element.total()) ?? .zero).description]
            })
        }
        if !detail.instalments.isEmpty {
            Output.line()
            Output.table(["#", "ID", "DUE", "AMOUNT", "PAID", "BALANCE", "STATE"], detail.instalments.map {
                [String($0.sequence), String($0.id), $0.due.description, $0.amount.description, $0.paid.description, $0.balance.description,
                 $0.isPaid ? "paid 已回款" : $0.overdueAt != nil ? "overdue 逾期" : "open"]
            })
        }
        if !detail.payments.isEmpty {
            Output.line()
            Output.table(["PAYMENT", "RECEIVED", "AMOUNT", "REF", "BY", "NOTE"], detail.payments.map {
                [String($0.id), $0.receivedOn.description, $0.amount.description, $0.reference ?? "", $0.recordedBy,
                 ContractCommand.note(on: $0)]
            })
        }
        if !detail.invoices.isEmpty {
            Output.line()
            Output.table(["INVOICE", "TYPE", "AMOUNT", "TAX RATE", "TAX", "ISSUED", "BY"], detail.invoices.map {
                [$0.number, $0.kind.chineseName, $0.amount.description, $0.taxRate.description, $0.tax.description, $0.issuedOn.description, $0.recordedBy]
            })
        }
    }
}
