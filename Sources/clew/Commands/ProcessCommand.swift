import ArgumentParser
import ClewDomain
import ClewServices
import ClewStore
import Foundation

/// `clew process export|check|apply`: the process definition as one editable TOML file.
struct ProcessCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "process", abstract: "The sales process definition (stages, scoring, assignment, pools, cadences, SLAs, triggers).",
        subcommands: [Export.self, Check.self, Apply.self])

    /// The text of `path`, or a one-line error naming it.
    static func read(_ path: String) throws -> String {
        guard let data = Privilege.asUser({ FileManager.default.contents(atPath: path) }) else { throw ValidationError("cannot read \(path)") }
        guard let text = String(data: data, encoding: .utf8) else { throw ValidationError("\(path) is not UTF-8 text") }
        return text
    }

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Write the process in force as TOML (to FILE, else stdout).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The file to write; stdout when omitted.") var file: String?

        func run() throws {
            let environment = try CommandEnvironment.open(global)
            let text = try ProcessService(context: environment.context, actor: environment.actor).export()
            guard let file else { return Output.line(text, terminator: "") }
            do { try Privilege.asUser { try Data(text.utf8).write(to: URL(fileURLWithPath: file)) } } catch { throw ValidationError("cannot write \(file)") }
            Output.line("Wrote \(file).")
        }
    }

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Check a process file; prints file:line: reason for each problem.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The process file.") var file: String

        func run() throws {
            let environment = try CommandEnvironment.open(global)
            let diagnostics = try ProcessService(context: environment.context, actor: environment.actor)
                .check(text: try ProcessCommand.read(file), file: file)
            guard !diagnostics.isEmpty else { return Output.line("\(file): OK") }
            for diagnostic in diagnostics { Output.line(Output.safe(diagnostic.description)) }
            throw ExitCode(1)
        }
    }

    struct Apply: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Check and apply a process file as the next version (admins).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The process file.") var file: String

        func run() throws {
            let environment = try CommandEnvironment.open(global)
            let service = ProcessService(context: environment.context, actor: environment.actor)
            do {
                let applied = try service.apply(text: try ProcessCommand.read(file), file: file)
                Output.line("Applied process version \(applied.version).")
            } catch let ProcessError.invalid(diagnostics) {
                for diagnostic in diagnostics { Output.error(Output.safe(diagnostic.description)) }
                Output.error("clew: \(diagnostics.count) problem\(diagnostics.count == 1 ? "" : "s"); nothing was applied")
                throw ExitCode(1)
            }
        }
    }
}
