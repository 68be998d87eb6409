import ArgumentParser
import ClewDomain
import ClewServices
import ClewStore
import Foundation

/// `clew user …`: managing who can use Clew.
struct UserCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "Add, list, deactivate users and mark them away.",
        subcommands: [Add.self, List.self, Deactivate.self, Away.self, UserRemindersCommand.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a user (admins only).")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The user's OS login.") var login: String
        @Option(help: "Display name.") var name: String
        @Option(help: "admin, supervisor, rep, marketing, finance, support or legal (法务).") var role: String
        @Option(help: "The supervisor's login.") var supervisor: String?
        @Option(help: "Regions covered, comma-separated (华东,华南).") var regions: String?
        @Option(help: "Industries covered, comma-separated.") var industries: String?
        @Option(help: "Open leads the user can carry.") var capacity: Int = 50

        func run() throws {
            let environment = try CommandEnvironment.open(global)
            guard let role = Role(rawValue: role.lowercased()) else {
                throw ValidationError("unknown role '\(self.role)'; use one of \(Role.allCases.map(\.rawValue).joined(separator: ", "))"
                    + Suggestion.hint(for: self.role, in: Role.allCases.map(\.rawValue)))
            }
            try OptionLimits.check(capacity, in: 0...100_000, "--capacity")
            let profile = UserProfile(login: login, name: name, role: role, supervisor: supervisor,
                                      regions: Self.list(regions), industries: Self.list(industries), capacity: capacity)
            try environment.users.add(profile, by: environment.actor)
            Output.line("Added \(login) (\(role)).")
        }

        static func list(_ text: String?) -> [String] {
            (text ?? "").split(whereSeparator: { $0 == "," || $0 == "，" || $0 == "、" })
                .map { TextNormalization.trimmed(String($0)) }.filter { !$0.isEmpty }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List users with their open workload.")

        @OptionGroup var global: GlobalOptions
        @Flag(help: "Print JSON.") var json = false
        @Flag(help: "Include deactivated users.") var all = false

        func run() throws {
            let environment = try CommandEnvironment.open(global)
            let users = try environment.users.list(includeInactive: all)
            if json {
                try Output.json(users.map(UserJSON.init))
                return
            }
            Output.table(["LOGIN", "NAME", "ROLE", "SUPERVISOR", "REGIONS", "INDUSTRIES", "LOAD", "STATE"], users.map { u in
                let p = u.profile
                let state = !p.isActive ? "inactive" : (p.awayUntil.map { $0 > environment.now ? "away until \(Output.day($0))" : "" } ?? "")
                return [p.login, p.name, p.role.rawValue, p.supervisor ?? "", p.regions.joined(separator: ","),
                        p.industries.joined(separator: ","), p.capacity > 0 ? "\(u.openLeads)/\(p.capacity)" : "\(u.openLeads)", state]
            })
        }
    }

    struct Deactivate: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Deactivate a user, handing their open work to another.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The user leaving.") var login: String
        @Option(name: .customLong("handover-to"), help: "Who takes over their open leads, tasks and approvals.") var successor: String

        func run() throws {
            let environment = try CommandEnvironment.open(global)
            let handover = try environment.users.deactivate(login, handoverTo: successor, by: environment.actor)
            Output.line("Deactivated \(login); \(successor) took over \(handover.leads) leads, \(handover.tasks) tasks, \(handover.approvals) approvals and \(handover.reports) reports.")
        }
    }

    struct Away: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Mark a user away (never assigned meanwhile), or back.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The user.") var login: String
        @Option(help: "Away until this date (2026-12-01).") var until: String?
        @Flag(help: "The user is back.") var back = false

        func validate() throws {
            // Exactly one of the two: a date to be away until, or back now.
            guard (until != nil) != back else { throw ValidationError("give either --until DATE or --back") }
        }

        func run() throws {
            let environment = try CommandEnvironment.open(global)
            let date = try until.map { try environment.date($0, startOfDay: true) }
            try environment.users.setAway(login, until: date, by: environment.actor)
            Output.line(date.map { "\(login) is away until \(Output.day($0))." } ?? "\(login) is back.")
        }
    }
}

/// The JSON form of a user (`user list --json`).
struct UserJSON: Encodable {
    var login: String
    var name: String
    var role: String
    var supervisor: String?
    var regions: [String]
    var industries: [String]
    var capacity: Int
    var openLeads: Int
    var active: Bool
    var awayUntil: Date?

    init(_ summary: UserSummary) {
        let p = summary.profile
        login = p.login
        name = p.name
        role = p.role.rawValue
        supervisor = p.supervisor
        regions = p.regions
        industries = p.industries
        capacity = p.capacity
        openLeads = summary.openLeads
        active = p.isActive
        awayUntil = p.awayUntil
    }
}
