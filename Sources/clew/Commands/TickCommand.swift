import ArgumentParser
import ClewAutomation
import ClewDomain
import ClewServices
import ClewStore
import Foundation

/// `clew tick`: runs the automation's timers once (for cron or a systemd timer).
struct TickCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tick",
        abstract: "Run the automation timers once: reminders, escalations, stalled deals, overdue tasks, pool recycling, outbox.",
        discussion: """
            Safe to run as often as you like: each timer fires once per occurrence, and a lease lets only one tick \
            run at a time across processes. Every open TUI also ticks once a minute. For cron:
              * * * * *  clew tick --quiet
            """)

    @OptionGroup var global: GlobalOptions
    @Flag(help: "Show what would fire, and change nothing (admins).") var dryRun = false
    @Option(help: "Evaluate as of this time instead of now (admins; e.g. '+2d', '2026-11-25 10:00').") var asOf: String?
    @Flag(help: "Print JSON.") var json = false
    @Flag(help: "List every firing, not only the first 30.") var verbose = false
    @Flag(help: "Print nothing unless something fired or failed.") var quiet = false
    @Flag(help: "Exit with status 1 when the tick did nothing because another tick held the lease.") var strict = false

    func run() throws {
        let environment = try CommandEnvironment.open(global)
        let asOfDate = try asOf.map { try environment.date($0) }
        let report = try TickService(context: environment.context, actor: environment.actor).run(asOf: asOfDate, dryRun: dryRun, delivery: TeamSession.delivery)
        if json {
            try Output.json(report)
            if strict, let holder = report.heldBy { throw TickNotRun(holder: holder) }
            return
        }
        if let holder = report.heldBy {
            if strict { throw TickNotRun(holder: holder) }
            if !quiet { Output.line("Another tick is running (lease held by \(Output.safe(holder))); nothing done.") }
            return
        }
        if let delivery = report.delivery, delivery.sent + delivery.failed + delivery.retrying > 0 {
            Output.line("Outbox: \(delivery.summary)")
        }
        if quiet && report.firings.isEmpty { return }
        let verb = dryRun ? "would fire" : "fired"
        Output.line("Tick as of \(Output.time(report.asOf)): \(report.firings.count) \(verb) in \(String(format: "%.0f", report.seconds * 1000)) ms" +
                    (dryRun ? " (dry run: nothing changed)" : ""))
        guard !report.firings.isEmpty else { return }
        Output.line("")
        Output.table(["RULE", "FIRINGS"], report.countsByRule.map { [$0.rule, String($0.count)] })
        Output.line("")
        let shown = verbose ? report.firings : Array(report.firings.prefix(30))
        Output.table(["RULE", "LEAD", "OUTCOME"], shown.map { [$0.rule, $0.lead ?? "", $0.outcome] }, maxWidths: [24, 16, 80])
        if shown.count < report.firings.count { Output.line("… and \(report.firings.count - shown.count) more (--verbose)") }
    }
}

/// `clew tick --strict` when another tick held the lease: one line on stderr, status 1.
struct TickNotRun: UserFacingError {
    var holder: String
    var description: String {
        "another tick is running (lease held by \(Output.safe(holder))); nothing done (另一个定时任务正在运行，本次未执行)"
    }
}

/// `clew lead event NUMBER EVENT`: a behaviour event that adds score points.
struct LeadEventCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "event", abstract: "Record a behaviour event (inbound_contact, …) that adds score points.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Lead number.") var number: String
    @Argument(help: "The event, as the scoring model names it (clew process export shows them).") var event: String

    func run() throws {
        let lead = try CommandEnvironment.open(global).leads.recordEvent(number, event: event)
        Output.line("\(lead.number): \(event) recorded; score \(lead.score ?? 0), suggested grade \(lead.suggestedGrade.map { "\($0)" } ?? "—").")
    }
}
