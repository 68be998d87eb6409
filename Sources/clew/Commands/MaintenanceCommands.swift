import ArgumentParser
import ClewDomain
import ClewServices
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
        let path = global.databasePath
        let files = DatabaseFiles.findings(path: path, layout: TeamInstall.current?.layout(for: path) ?? .personal)
        let environment: CommandEnvironment
        do {
            environment = try CommandEnvironment.open(global)
        } catch let error as StoreError where error == .databaseMissing(path) || error == .busy {
            throw error
        } catch let error as any UserFacingError where !(error is StoreError) {
            throw error  // not a Clew user, not an admin: not a finding
        } catch {
            // A file that does not open (corrupt, not a database, another program's) is a finding too.
            let detail = (error as? any UserFacingError)?.description ?? String(describing: error)
            try report([Maintenance.Finding(level: "error", check: "open", detail: detail)] + files)
            throw ExitCode(2)
        }
        try AccessPolicy.check(.administer, environment.actor)
        try report(files + (try Maintenance.doctor(environment.context.database)))
    }

    /// Prints the findings; exit status 2 when one is an error.
    private func report(_ findings: [Maintenance.Finding]) throws {
        if json {
            try Output.json(findings)
        } else {
            for f in findings {
                let mark = f.level == "ok" ? "ok  " : (f.level == "warning" ? "warn" : "FAIL")
                Output.line(Output.safe("\(mark)  \(DisplayWidth.pad(f.check, to: 40)) \(f.detail)"))
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
