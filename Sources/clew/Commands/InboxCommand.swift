import ArgumentParser
import ClewDomain
import ClewServices
import ClewStore
import Foundation

struct InboxCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inbox", abstract: "Your tasks, assignments to confirm, mentions and approvals.")

    @OptionGroup var global: GlobalOptions
    @Flag(help: "Print JSON.") var json = false
    @Flag(name: .customLong("mark-read"), help: "Mark all notifications read after showing them.") var markRead = false

    func run() throws {
        let environment = try CommandEnvironment.open(global)
        let service = InboxService(context: environment.context, actor: environment.actor)
        let inbox = try service.inbox()
        if json {
            try Output.json(InboxJSON(inbox))
        } else {
            InboxReport.print(inbox, for: environment.actor.login)
        }
        if markRead { try service.markRead() }
    }
}

/// The human-readable inbox, shared by `inbox`, bare `clew` and `demo`.
enum InboxReport {
    static func print(_ inbox: Inbox, for login: String) {
        let s = Output.safe
        Output.line("Inbox of \(login): \(inbox.count) need\(inbox.count == 1 ? "s" : "") action")
        func tasks(_ title: String, _ list: [TaskItem]) {
            guard !list.isEmpty else { return }
            Output.line("")
            Output.line("\(title) (\(list.count))")
            Output.table(["TASK", "DUE", "LEAD", "CUSTOMER", "WHAT"], list.prefix(15).map {
                ["#\($0.id)", Output.time($0.effectiveDue), $0.leadNumber ?? "", $0.leadCustomer ?? "", $0.title]
            }, maxWidths: [8, 16, 18, 28, 40])
            if list.count > 15 { Output.line("  … and \(list.count - 15) more") }
        }
        tasks("Overdue", inbox.overdue)
        tasks("Today", inbox.today)
        tasks("Upcoming", inbox.upcoming)
        if !inbox.awaitingConfirmation.isEmpty {
            Output.line("")
            Output.line("Assigned to you, to confirm (\(inbox.awaitingConfirmation.count)) — clew lead confirm NUMBER / clew lead object NUMBER --reason …")
            for lead in inbox.awaitingConfirmation.prefix(15) {
                Output.line("  \(lead.number)  \(lead.grade.map { "[\($0)]" } ?? "   ")  \(s(lead.details.customer))  \(s(lead.details.need))")
            }
        }
        if !inbox.approvals.isEmpty {
            Output.line("")
            Output.line("Approvals (\(inbox.approvals.count)) — clew approval approve ID / reject ID --comment …")
            for a in inbox.approvals.prefix(15) {
                Output.line("  #\(a.id)  \(a.leadNumber)  \(s(a.leadCustomer))  \(a.fromStage ?? "") → \(a.toStage ?? "")  by \(a.requestedBy)" + (a.reason.map { ": \(s($0))" } ?? ""))
            }
        }
        if !inbox.notifications.isEmpty {
            Output.line("")
            Output.line("Notifications (\(inbox.notifications.count))")
            for n in inbox.notifications.prefix(15) {
                Output.line("  \(Output.time(n.createdAt))  [\(n.kind)]  \(s(n.body))")
            }
        }
        if inbox.count == 0 && inbox.upcoming.isEmpty { Output.line("Nothing waiting. 🎉") }
    }
}

/// `inbox --json`.
struct InboxJSON: Encodable {
    var count: Int
    var overdue: [TaskItem]
    var today: [TaskItem]
    var upcoming: [TaskItem]
    var awaitingConfirmation: [LeadJSON]
    var notifications: [NotificationItem]
    var approvals: [ApprovalItem]

    init(_ inbox: Inbox) {
        count = inbox.count
        overdue = inbox.overdue
        today = inbox.today
        upcoming = inbox.upcoming
        awaitingConfirmation = inbox.awaitingConfirmation.map(LeadJSON.init)
        notifications = inbox.notifications
        approvals = inbox.approvals
    }
}
