import ArgumentParser
import ClewDomain
import ClewServices
import ClewStore
import Foundation

/// `clew`: the terminal CRM. Bare `clew` shows the pipeline and your inbox; subcommands do
/// the work.
@main
struct Clew: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clew",
        abstract: "A terminal CRM for working sales leads.",
        discussion: "Run without a subcommand to open the board (or, when not on a terminal, print the pipeline and your inbox). Database: --db, else $CLEW_DB, else $XDG_DATA_HOME/clew/clew.db.",
        version: "0.1.0",
        subcommands: [
            InitCommand.self, UserCommand.self, LeadCommand.self, SearchCommand.self, InboxCommand.self,
            TaskCommand.self, ApprovalCommand.self, HolidayCommand.self, SeedCommand.self, DemoCommand.self,
            BackupCommand.self, DoctorCommand.self, KeysCommand.self,
            ImportCommand.self, ExportCommand.self,
            ProcessCommand.self, TickCommand.self, ReportCommand.self, CampaignCommand.self, TargetCommand.self,
            OutboxCommand.self, PersonCommand.self, AuditCommand.self, InstallCommand.self, IntakeCommand.self, ServeCommand.self,
            CustomerCommand.self, ContractCommand.self, InvoiceCommand.self, ReceivableCommand.self, PaymentCommand.self,
        ]
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var interface: InterfaceOptions

    func run() throws {
        let environment = try CommandEnvironment.open(global)
        if InteractiveSession.isInteractive {
            try InteractiveSession.run(environment, options: interface)
        } else {
            try PipelineReport.print(environment)
        }
    }

    /// Runs the command line; user errors print one `clew: …` line on stderr and exit 1.
    static func main() {
        StatementTrace.mark("main")
        TeamSession.start()
        let arguments = Array(CommandLine.arguments.dropFirst())
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
        } catch let error as any UserFacingError {
            fail(error.description)
        } catch {
            // A SQLite error that no service mapped still reads as one clear line.
            if let mapped = StoreError.mapping(error) { fail(mapped.description) }
            let code = exitCode(for: error)
            if code == .success {
                let text = fullMessage(for: error)
                if !text.isEmpty { Output.line(text) }
                Foundation.exit(0)
            }
            if error is ExitCode { Foundation.exit(code.rawValue) }
            var text = message(for: error).split(separator: "\n").first.map(String.init) ?? "\(error)"
            if text.hasPrefix("Error: ") { text.removeFirst("Error: ".count) }
            fail(text + usageHint(arguments))
        }
        Foundation.exit(0)
    }

    private static func fail(_ message: String) -> Never {
        Output.error("clew: " + message.replacingOccurrences(of: "\n", with: " "))
        Foundation.exit(1)
    }

    /// " (see 'clew lead add --help')" for the deepest subcommand named in `arguments`.
    private static func usageHint(_ arguments: [String]) -> String {
        var path: [String] = []
        var commands: [any ParsableCommand.Type] = configuration.subcommands
        for argument in arguments where !argument.hasPrefix("-") {
            guard let match = commands.first(where: { $0._commandName == argument }) else { continue }
            path.append(argument)
            commands = match.configuration.subcommands
        }
        return " (see 'clew \(path.isEmpty ? "" : path.joined(separator: " ") + " ")--help')"
    }
}
