import ArgumentParser
import ClewDomain
import ClewServices
import ClewStore
import Foundation

struct TaskCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "task", abstract: "Add, complete and snooze tasks.", subcommands: [Add.self, Done.self, Snooze.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a task, on a lead or on its own.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "What to do.") var title: String
        @Option(help: "The lead it is about.") var lead: String?
        @Option(help: "Who does it (default: you).") var assignee: String?
        @Option(help: "When it is due (2026-11-26 14:00, tomorrow, +2d).") var due: String?

        func run() throws {
            let environment = try CommandEnvironment.open(global)
            let task = try environment.tasks.add(title: title, lead: lead, assignee: assignee, due: try due.map { try environment.date($0) })
            Output.line("Task #\(task.id) for \(task.assignee)" + (task.dueAt.map { ", due \(Output.time($0))" } ?? "") + ".")
        }
    }

    struct Done: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Mark a task done.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Task id.") var id: Int64

        func run() throws {
            let task = try CommandEnvironment.open(global).tasks.complete(id)
            Output.line("Task #\(task.id) done.")
        }
    }

    struct Snooze: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Snooze a task.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Task id.") var id: Int64
        @Option(help: "Until when (tomorrow, +2h, 2026-11-26 09:00).") var until: String = "+1d"

        func run() throws {
            let environment = try CommandEnvironment.open(global)
            let task = try environment.tasks.snooze(id, until: try environment.date(until))
            Output.line("Task #\(task.id) snoozed until \(Output.time(task.snoozedUntil)).")
        }
    }
}
