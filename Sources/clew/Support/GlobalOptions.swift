import ArgumentParser
import ClewAutomation
import ClewDomain
import ClewServices
import ClewStore
import Foundation

/// Options every command accepts.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The database file (default: $CLEW_DB, else $XDG_DATA_HOME/clew/clew.db).", valueName: "path"))
    var db: String?

    @Option(name: .customLong("as"), help: ArgumentHelp("Act as another user (admins only; audited).", valueName: "login"))
    var actAs: String?

    /// The database path: `--db`, else `$CLEW_DB`, else `$XDG_DATA_HOME/clew/clew.db`
    /// (`~/.local/share/clew/clew.db` when XDG_DATA_HOME is unset).
    /// A privileged team install uses its own database instead (``TeamSession``).
    var databasePath: String {
        let environment = ProcessInfo.processInfo.environment
        let named = db ?? environment["CLEW_DB"].flatMap { $0.isEmpty ? nil : $0 }
        return TeamSession.databasePath(named: named, personalDefault: DataDirectory.path.appending("/clew.db"))
    }
}

/// Where Clew keeps its files by default.
enum DataDirectory {
    static var path: String {
        let environment = ProcessInfo.processInfo.environment
        if let xdg = environment["XDG_DATA_HOME"], xdg.hasPrefix("/") { return xdg + "/clew" }
        return NSHomeDirectory() + "/.local/share/clew"
    }
}

/// The opened database and the acting user, for one command.
struct CommandEnvironment {
    let context: ClewContext
    let actor: ActingUser

    /// Opens the database at the configured path and resolves who is acting.
    static func open(_ options: GlobalOptions) throws -> CommandEnvironment {
        let database = try ClewDatabase(path: options.databasePath)
        let context = try ClewContext(database: database, automation: AutomationEngine()).loadingHolidays().loadingProcess()
        // A database made before the report summaries (v14) gets them once, in short chunks.
        try ReportSummaries(context: context).fillIfNeeded()
        guard let me = OSAccount.current() else { throw IdentityError.noOSUser }
        let actor = try UserDirectory(context: context).actingUser(osLogin: me.login, actAs: options.actAs)
        return CommandEnvironment(context: context, actor: actor)
    }

    var leads: LeadService { LeadService(context: context, actor: actor) }
    var tasks: TaskService { TaskService(context: context, actor: actor) }
    var users: UserDirectory { UserDirectory(context: context) }
    var now: Date { context.clock.now() }
    var timeZone: TimeZone { context.calendar.timeZone }

    /// Parses a date typed by the user.
    func date(_ text: String, startOfDay: Bool = false) throws -> Date {
        try DateExpression.parse(text, now: now, timeZone: timeZone, startOfDay: startOfDay)
    }
}
