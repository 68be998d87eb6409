import ArgumentParser
import ClewAutomation
import ClewDomain
import ClewServices
import ClewStore
import Foundation

struct SeedCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seed", abstract: "Fill the database with realistic synthetic data (admins).",
        discussion: "Deterministic for a given --seed: users in every role and region, leads in every status and stage, follow-ups over months, tasks overdue, today and upcoming, won and lost deals, contracts with payment plans, payments and invoices.")

    @OptionGroup var global: GlobalOptions
    @Option(help: "How many leads.") var leads = 2_000
    @Option(help: "Random seed (same seed, same data).") var seed: UInt64 = 1

    func validate() throws { try OptionLimits.check(leads, in: 0...5_000_000, "--leads") }

    func run() throws {
        let environment = try CommandEnvironment.open(global)
        let report = try SeedGenerator(context: environment.context, actor: environment.actor)
            .run(.init(leads: leads, seed: seed), progress: SeedCommand.progress(total: leads))
        SeedCommand.finishProgress()
        Output.line("Seeded \(report.leads) leads, \(report.followUps) follow-ups, \(report.tasks) tasks, \(report.targets) targets, "
            + "\(report.contracts) contracts (\(report.instalments) instalments, \(report.payments) payments, \(report.invoices) invoices), \(report.users) new users in \(String(format: "%.1f", report.seconds)) s.")
    }

    /// A progress line on stderr when it is a terminal.
    static func progress(total: Int) -> ((Int) -> Void)? {
        guard isatty(STDERR_FILENO) == 1, total >= 10_000 else { return nil }
        return { done in
            FileHandle.standardError.write(Data("\r  \(done)/\(total) leads (\(done * 100 / max(total, 1))%)".utf8))
        }
    }

    static func finishProgress() {
        if isatty(STDERR_FILENO) == 1 { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}

struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo", abstract: "Open Clew on a demo database (made on first use).",
        discussion: "The demo database lives in the data directory as demo.db (or at --db PATH); you are its admin (--as wang.fang opens it as a rep, --as zhou.min as a supervisor). On a terminal it opens the board; otherwise it prints the pipeline and the inbox of the demo rep wang.fang.")

    @Option(help: "Leads in a new demo database.") var leads = 3_000
    @Flag(help: "Delete and rebuild the demo database.") var reset = false
    /// `--as` opens the demo as one of its users (wang.fang, a rep; zhou.min, a supervisor); `--db` is ignored.
    @OptionGroup var global: GlobalOptions
    @OptionGroup var interface: InterfaceOptions

    func validate() throws { try OptionLimits.check(leads, in: 0...1_000_000, "--leads") }

    func run() throws {
        Privilege.dropForGood()  // the demo is always a personal database
        // `--db PATH` puts the demo elsewhere (it used to be ignored, so the demo always opened demo.db).
        let path = global.db ?? DataDirectory.path + "/demo.db"
        if reset {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        }
        guard let me = OSAccount.current() else { throw IdentityError.noOSUser }
        if !FileManager.default.fileExists(atPath: path) {
            Output.error("Creating the demo database at \(path) …")
            let database = try Maintenance.initialize(path: path, admin: me.login, name: me.fullName ?? me.login)
            let context = ClewContext(database: database, automation: AutomationEngine())
            let admin = try UserDirectory(context: context).actingUser(osLogin: me.login)
            _ = try SeedGenerator(context: context, actor: admin).run(.init(leads: leads, seed: 2026), progress: SeedCommand.progress(total: leads))
            SeedCommand.finishProgress()
        }
        let options = try GlobalOptions.parse(["--db", path] + (global.actAs.map { ["--as", $0] } ?? []))
        let environment = try CommandEnvironment.open(options)
        if InteractiveSession.isInteractive { return try InteractiveSession.run(environment, options: interface) }
        try PipelineReport.print(environment)
        Output.line("")
        Output.line("Demo rep's view:")
        let rep = try UserDirectory(context: environment.context).actingUser(osLogin: me.login, actAs: SeedGenerator.demoRep)
        InboxReport.print(try InboxService(context: environment.context, actor: rep).inbox(), for: rep.login)
        Output.line("")
        Output.line("Try: clew --db \(path) lead list --status screening   ·   clew --db \(path) --as \(SeedGenerator.demoRep) inbox")
    }
}
