import ArgumentParser
import ClewAutomation
import ClewDomain
import ClewServices
import ClewStore
import Foundation

/// `clew outbox …`: the email and SMS waiting for delivery (admins).
struct OutboxCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outbox", abstract: "Email and SMS waiting for delivery: list, deliver, retry, cancel (admins).",
        discussion: """
            clew outbox [list] [--status S]   queued messages (default: pending and failed)
            clew outbox deliver               send what is due now
            clew outbox retry ID              queue a failed message again
            clew outbox cancel ID             do not send a message

            Delivery runs $CLEW_MAIL_COMMAND (e.g. '/usr/sbin/sendmail -t -i') with the whole message on its stdin, \
            and $CLEW_SMS_COMMAND with the phone number appended as the last argument and the text on stdin. The \
            commands are split on whitespace and run directly, never through a shell: there is no quoting. A failed \
            attempt is retried after 1 min, 5 min, 30 min, 2 h and 6 h; after the 6th the message is marked failed and \
            every admin is notified in their inbox.
            """,
        subcommands: [OutboxListCommand.self, OutboxDeliverCommand.self, OutboxRetryCommand.self, OutboxCancelCommand.self],
        defaultSubcommand: OutboxListCommand.self)
}

struct OutboxListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "Queued messages; by default the pending and failed ones.")

    @OptionGroup var global: GlobalOptions
    @Option(help: ArgumentHelp("pending, sent, failed, cancelled or all (default: pending and failed).", valueName: "status"))
    var status: OutboxListStatus?
    @Option(help: "How many (default 100).") var limit = 100
    @Flag(help: "Print JSON.") var json = false

    func validate() throws {
        try OptionLimits.check(limit, in: OptionLimits.pageSize, "--limit")
    }

    func run() throws {
        let environment = try CommandEnvironment.open(global)
        let messages = try OutboxService(context: environment.context, actor: environment.actor).list(statuses: status?.statuses, limit: limit)
        if json {
            try Output.json(messages)
            return
        }
        if messages.isEmpty {
            Output.line(status == nil ? "Nothing pending or failed in the outbox." : "No \(status?.rawValue ?? "") messages in the outbox.")
            return
        }
        Output.table(
            ["ID", "CHANNEL", "RECIPIENT", "STATUS", "ATTEMPTS", "NEXT ATTEMPT", "LAST ERROR"],
            messages.map { m in
                [String(m.id), m.channel.rawValue, m.recipient, m.status.rawValue, "\(m.attempts)/\(OutboxService.maxAttempts)",
                 m.status == .pending ? Output.time(m.nextAttemptAt) : (m.status == .sent ? "sent " + Output.time(m.sentAt) : ""),
                 m.lastError ?? ""]
            },
            maxWidths: [10, 7, 40, 9, 8, 22, 100])
        let failed = messages.filter { $0.status == .failed }.count
        if failed > 0 { Output.line("Retry with 'clew outbox retry ID', or drop with 'clew outbox cancel ID'.") }
    }
}

struct OutboxDeliverCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deliver", abstract: "Send the messages that are due, through $CLEW_MAIL_COMMAND and $CLEW_SMS_COMMAND.")

    @OptionGroup var global: GlobalOptions
    @Option(help: "The most messages to send in this run (default 100).") var limit = 100
    @Flag(help: "Print the report as JSON.") var json = false

    func validate() throws { try OptionLimits.check(limit, in: OptionLimits.deliveryBatch, "--limit") }

    func run() throws {
        let environment = try CommandEnvironment.open(global)
        try AccessPolicy.check(.administer, environment.actor)
        let report = try OutboxService(context: environment.context, actor: environment.actor)
            .deliver(using: TeamSession.delivery, limit: limit)
        if json {
            try Output.json(report)
            return
        }
        for attempt in report.attempts where attempt.outcome != .sent {
            let next = attempt.nextAttemptAt.map { "; next attempt \(Output.time($0))" } ?? ""
            Output.line(Output.safe("#\(attempt.id) \(attempt.channel.rawValue) to \(attempt.recipient): attempt \(attempt.attempt) "
                + "\(attempt.outcome == .failed ? "failed for good" : "failed")\(next): \(attempt.error ?? "")"))
        }
        Output.line("Outbox: " + report.summary + ".")
        for channel in OutboxChannel.allCases {
            guard let waiting = report.unconfigured[channel.rawValue], waiting > 0 else { continue }
            Output.line("\(waiting) \(channel.rawValue) message\(waiting == 1 ? "" : "s") waiting: "
                + "\(OutboxDelivery.variable(for: channel)) is not set, so nothing was attempted.")
        }
    }
}

struct OutboxRetryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retry", abstract: "Queue a failed message again, due now, with its attempts reset.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The message id (see 'clew outbox list').") var id: Int64

    func run() throws {
        let environment = try CommandEnvironment.open(global)
        let message = try OutboxService(context: environment.context, actor: environment.actor).retry(id)
        Output.line(Output.safe("Outbox #\(message.id) (\(message.channel.rawValue) to \(message.recipient)) is pending again; "
            + "'clew outbox deliver' sends it."))
    }
}

struct OutboxCancelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "cancel", abstract: "Cancel a pending or failed message: it will not be sent.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The message id (see 'clew outbox list').") var id: Int64

    func run() throws {
        let environment = try CommandEnvironment.open(global)
        let message = try OutboxService(context: environment.context, actor: environment.actor).cancel(id)
        Output.line(Output.safe("Outbox #\(message.id) (\(message.channel.rawValue) to \(message.recipient)) cancelled."))
    }
}

/// What `clew outbox list --status` accepts: one status, or `all`.
enum OutboxListStatus: String, CaseIterable, ExpressibleByArgument {
    case pending, sent, failed, cancelled, all

    var statuses: Set<OutboxStatus> {
        OutboxStatus(rawValue: rawValue).map { [$0] } ?? Set(OutboxStatus.allCases)
    }
}
