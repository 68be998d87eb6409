import ArgumentParser
import ClewDomain
import ClewStore
import Foundation

struct BackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup", abstract: "Copy the live database with SQLite's online backup API (admins).")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The new backup file.") var destination: String

    func run() throws {
        let environment = try CommandEnvironment.open(global)
        try Maintenance.backup(environment.context.database, to: destination, actor: environment.actor)
        Output.line(Output.safe("Backed up to \(destination)."))
    }
}

struct DoctorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor", abstract: "Check integrity, migrations, orphans and the search index.")

    @OptionGroup var global: GlobalOptions
    @Flag(help: "Print JSON.") var json = false

    func run() throws {
        let environment = try CommandEnvironment.open(global)
        try AccessPolicy.check(.administer, environment.actor)
        let findings = try Maintenance.doctor(environment.context.database)
        if json {
            try Output.json(findings)
        } else {
            for f in findings {
                let mark = f.level == "ok" ? "ok  " : (f.level == "warning" ? "warn" : "FAIL")
                Output.line("\(mark)  \(DisplayWidth.pad(f.check, to: 40)) \(f.detail)")
            }
        }
        if findings.contains(where: { $0.level == "error" }) { throw ExitCode(2) }
    }
}

/// The pipeline summary (bare `clew` until the board lands, and `clew demo`).
enum PipelineReport {
    static func print(_ environment: CommandEnvironment) throws {
        let actor = environment.actor
        let summary = try PipelineSummary.load(context: environment.context, actor: actor, mineOnly: actor.role == .rep)
        Output.line("Pipeline — \(actor.profile.name) (\(actor.login), \(actor.role))" + (actor.role == .rep ? ", your leads" : ""))
        Output.table(["COLUMN", "阶段", "LEADS", "AMOUNT"], summary.columns.map {
            [$0.key, $0.title, String($0.count), $0.amount.fen == 0 ? "" : $0.amount.description]
        })
        Output.line("")
        InboxReport.print(try InboxService(context: environment.context, actor: actor).inbox(), for: actor.login)
    }
}
