import ArgumentParser
import ClewDomain
import ClewServices
import ClewStore
import Foundation

struct LeadMoveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "move", abstract: "Move an active lead to another stage.",
        discussion: "Forward one stage needs a follow-up logged in the current stage. Skipping stages files an approval request for the supervisor.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Lead number.") var number: String
    @Argument(help: "Stage (discovery, proposal, negotiation, contract, or its Chinese name).") var stage: String
    @Option(help: "Why, for a skip request.") var reason: String?

    func run() throws {
        switch try CommandEnvironment.open(global).leads.move(number, to: stage, reason: reason) {
        case let .moved(lead):
            Output.line("\(lead.number) is now in \(lead.stage ?? stage).")
        case let .approvalRequested(id, approver, skipping):
            Output.line("Skipping \(skipping.joined(separator: ", ")) needs approval: request #\(id) sent to \(approver).")
        case let .contractApprovalRequested(id, approver, level):
            Output.line("Entering the contract stage needs the \(level.rawValue)'s approval (合同审批): request #\(id) sent to \(approver).")
        }
    }
}

struct LeadFollowUpCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "follow-up", abstract: "Log a structured follow-up (跟进记录).")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Lead number.") var number: String
    @Option(help: "phone, visit, email, wechat or other.") var method: String
    @Option(name: .customLong("with"), help: "Who you spoke to, with their title.") var contactPerson: String?
    @Option(help: "What was discussed.") var content: String
    @Option(help: "The customer's feedback and changed needs.") var feedback: String?
    @Option(help: "The next action.") var next: String?
    @Option(name: .customLong("next-due"), help: "When the next action is due (2026-11-26, tomorrow, +2d).") var nextDue: String?
    @Option(help: "When the contact happened (default: now).") var at: String?

    func run() throws {
        let environment = try CommandEnvironment.open(global)
        guard let method = FollowUpMethod(parsing: method) else { throw FollowUpError.unknownMethod(self.method) }
        let draft = FollowUpDraft(
            at: try at.map { try environment.date($0) } ?? environment.now, method: method, contactPerson: contactPerson,
            content: content, feedback: feedback, nextAction: next, nextDue: try nextDue.map { try environment.date($0) })
        let result = try environment.leads.logFollowUp(number, draft)
        for warning in result.warnings { Output.error("clew: warning: \(warning)") }
        Output.line("Follow-up #\(result.followUpID) logged on \(number.uppercased())" + (result.taskID.map { "; next action is task #\($0)." } ?? "."))
    }
}

struct LeadWinCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "win", abstract: "Win the deal: converts into customer, contact and opportunity.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Lead number.") var number: String
    @Option(help: "The deal amount in yuan (380000, 38万).") var amount: String

    func run() throws {
        let money = try AmountArgument.parse(amount)
        let lead = try CommandEnvironment.open(global).leads.win(number, amount: money)
        // The customer is new, or the one a conversion or a repeat purchase already made.
        Output.line("\(lead.number) won for \(money); customer \(Output.safe(lead.details.customer)) is on record.")
    }
}

struct LeadAmountCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "amount", abstract: "Correct the amount a lead was won for (admins; audited with the reason).")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Lead number.") var number: String
    @Argument(help: "The correct amount in yuan (380000, 38万).") var amount: String
    @Option(help: "Why the amount changes (更正原因).") var reason: String

    func run() throws {
        let money = try AmountArgument.parse(amount)
        let lead = try CommandEnvironment.open(global).leads.correctWonAmount(number, to: money, reason: reason)
        Output.line("\(lead.number) is now won for \(money).")
    }
}

struct LeadLoseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "lose", abstract: "Close a lead as lost, with the reason.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Lead number.") var number: String
    @Option(help: "客户放弃, 预算不足, 选择竞品, 无法联系, 需求不匹配, 无效线索 (or their keys), or your own words.") var reason: String

    func run() throws {
        guard let lost = LostReason(parsing: reason) else { throw ValidationError("losing a lead needs a reason (--reason 选择竞品)") }
        let lead = try CommandEnvironment.open(global).leads.lose(number, reason: lost)
        Output.line("\(lead.number) lost: \(lost.chineseName).")
    }
}
