import ArgumentParser
import ClewDomain
import ClewServices
import ClewStore
import Foundation

struct HolidayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "holiday", abstract: "The working calendar's holidays and make-up workdays (调休).",
        subcommands: [List.self, Add.self, Workday.self, Remove.self])

    /// `2026-10-01` or a range `2026-10-01..2026-10-07`.
    static func days(_ text: String) throws -> [CalendarDay] {
        try CalendarDayRange(parsing: text).days
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List holidays and make-up workdays.")
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let environment = try CommandEnvironment.open(global)
            let entries = try HolidayStore(context: environment.context, actor: environment.actor).list()
            if entries.isEmpty { return Output.line("No holidays set; weekends are off, 09:00–18:00 on weekdays.") }
            Output.table(["DAY", "KIND", "NAME"], entries.map { [$0.day.description, $0.isHoliday ? "holiday" : "workday", $0.name ?? ""] })
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add days off (admins).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "A day or range: 2026-10-01..2026-10-07.") var days: String
        @Option(help: "Name (国庆节).") var name: String?

        func run() throws {
            let environment = try CommandEnvironment.open(global)
            let list = try HolidayCommand.days(days)
            try HolidayStore(context: environment.context, actor: environment.actor).set(list, isHoliday: true, name: name)
            Output.line("\(list.count) day\(list.count == 1 ? "" : "s") off added.")
        }
    }

    struct Workday: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add make-up working days on weekends (admins).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "A day or range.") var days: String
        @Option(help: "Name.") var name: String?

        func run() throws {
            let environment = try CommandEnvironment.open(global)
            let list = try HolidayCommand.days(days)
            try HolidayStore(context: environment.context, actor: environment.actor).set(list, isHoliday: false, name: name)
            Output.line("\(list.count) working day\(list.count == 1 ? "" : "s") added.")
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove calendar exceptions (admins).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "A day or range.") var days: String

        func run() throws {
            let environment = try CommandEnvironment.open(global)
            try HolidayStore(context: environment.context, actor: environment.actor).remove(try HolidayCommand.days(days))
            Output.line("Removed.")
        }
    }
}
