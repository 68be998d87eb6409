import ArgumentParser
import ClewAutomation
import ClewDomain
import ClewServe
import ClewServices
import ClewStore
import Foundation
import Logging

/// `clew-serve`: the web-form and event intake server (issue 18). A program of its own, so the
/// setgid `clew` never holds network code; it runs as a service account that is a Clew user
/// (its OS login, never a header, is the acting user) and is in the team's group.
@main
struct ClewServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clew-serve",
        abstract: "Take leads and behaviour events from web forms and platforms over HTTP.",
        discussion: """
            POST /v1/leads (JSON or an HTML form), POST /v1/events, GET /healthz. Tokens: clew intake token add.
            Listens on 127.0.0.1:8377 (put nginx in front for TLS); stops gracefully on SIGTERM; logs to stderr.
            """)

    @Option(help: ArgumentHelp("The database file (default: $CLEW_DB, the team install's, else $XDG_DATA_HOME/clew/clew.db).", valueName: "path"))
    var db: String?
    @Option(help: "The address to listen on.") var host = "127.0.0.1"
    @Option(help: "The port to listen on (0: any free port, printed at start).") var port = IntakeServerSettings.defaultPort
    @Option(help: ArgumentHelp("Listen on this Unix socket instead of a port.", valueName: "path")) var socket: String?
    @Option(name: .customLong("body-limit"), help: "The largest body accepted, in bytes.") var bodyLimit = IntakeServerSettings.defaultBodyLimit
    @Option(name: .customLong("idle-timeout"), help: "Seconds a silent connection is kept.") var idleTimeout = IntakeServerSettings.defaultIdleTimeout
    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error or critical.") var logLevel = "info"
    @Flag(help: "Wait for the disk at every commit (SQLite synchronous=FULL): an answered post survives a power cut, not only a crash.")
    var durable = false

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be 0 to 65535") }
        guard IntakeServerSettings.bodyLimits.contains(bodyLimit) else {
            throw ValidationError("--body-limit must be \(IntakeServerSettings.bodyLimits.lowerBound) to \(IntakeServerSettings.bodyLimits.upperBound) bytes")
        }
        guard IntakeServerSettings.idleTimeouts.contains(idleTimeout) else {
            throw ValidationError("--idle-timeout must be \(IntakeServerSettings.idleTimeouts.lowerBound) to \(IntakeServerSettings.idleTimeouts.upperBound) seconds")
        }
        guard Logger.Level(rawValue: logLevel) != nil else { throw ValidationError("unknown --log-level '\(logLevel)'") }
    }

    func run() async throws {
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = Logger.Level(rawValue: logLevel) ?? .info
            return handler
        }
        let logger = Logger(label: "clew-serve")
        let environment = ProcessInfo.processInfo.environment
        let path = db ?? environment["CLEW_DB"].flatMap { $0.isEmpty ? nil : $0 } ?? TeamInstall.current?.databasePath
            ?? ((environment["XDG_DATA_HOME"].flatMap { $0.hasPrefix("/") ? $0 : nil } ?? NSHomeDirectory() + "/.local/share") + "/clew/clew.db")
        let database = try ClewDatabase(path: path)
        if durable { try database.syncEveryCommit() }
        let context = try ClewContext(database: database, automation: AutomationEngine()).loadingHolidays().loadingProcess()
        guard let me = OSAccount.current() else { throw IdentityError.noOSUser }
        let actor = try UserDirectory(context: context).actingUser(osLogin: me.login)
        guard AccessPolicy.has(.registerLeads, actor) else {
            throw ValidationError("\(me.login) is a \(actor.role) in Clew and may not register leads; run clew-serve as a user with the marketing, rep, supervisor or admin role")
        }
        let address: IntakeServerSettings.Address
        if let socket {
            address = .unixSocket(socket)
            try removeStaleSocket(socket)
        } else {
            address = .host(host, port: port)
        }
        let settings = IntakeServerSettings(address: address, bodyLimit: bodyLimit, idleTimeout: idleTimeout)
        logger.notice("clew-serve: database \(path)\(durable ? " (durable: every commit synced)" : ""), acting as \(actor.login) (\(actor.role))")
        let routes = IntakeRoutes(context: context, actor: actor, settings: settings, logger: logger)
        try await IntakeServer(routes: routes, settings: settings, logger: logger).application().runService()
        logger.notice("clew-serve stopped")
    }

    /// A socket file left by a previous run would refuse the bind; anything else there is kept.
    private func removeStaleSocket(_ path: String) throws {
        guard let type = try? FileManager.default.attributesOfItem(atPath: path)[.type] as? FileAttributeType else { return }
        guard type == .typeSocket else { throw ValidationError("--socket \(path) exists and is not a socket") }
        try FileManager.default.removeItem(atPath: path)
    }
}
