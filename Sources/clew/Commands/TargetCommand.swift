import ArgumentParser
import ClewDomain
import ClewServices
import ClewStore
import Foundation

/// `clew target set|list`: sales targets per rep or team, per month or quarter (目标管理).
struct TargetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "target", abstract: "Sales targets per rep or team, per month or quarter.",
        discussion: "'clew report reps' shows attainment; a target counts toward a report in proportion to the days they share.",
        subcommands: [SetTarget.self, List.self])

    /// `target set` (not named `Set`, which would hide Swift's `Set` inside the command).
    struct SetTarget: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "set", abstract: "Set a target (admins; supervisors for their team).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Whose: LOGIN (a rep) or team:SUPERVISOR.") var subject: String
        @Argument(help: "The period: 2026-11 or 2026-Q4.") var period: String
        @Option(name: .customLong("won-amount"), help: "Amount to win, in yuan (500000, 50万).") var wonAmount: String?
        @Option(name: .customLong("won-count"), help: "Deals to win.") var wonCount: Int?
        @Option(name: .customLong("new-leads"), help: "New leads to bring in.") var newLeads: Int?

        func run() throws {
            let environment = try CommandEnvironment.open(global)
            guard let whose = TargetSubject(subject) else { throw TargetError.badSubject(subject) }
            guard let when = TargetPeriod(period) else { throw TargetError.badPeriod(period) }
            let amount = try wonAmount.map(AmountArgument.parse)
            let target = try TargetService(context: environment.context, actor: environment.actor)
                .set(SalesTarget(subject: whose, period: when, wonAmount: amount, wonCount: wonCount, newLeads: newLeads, setBy: environment.actor.login))
            Output.line(Output.safe("Target for \(target.subject) in \(target.period): " + TargetCommand.figures(target) + "."))
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the targets you may see.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Only this period (2026-11, 2026-Q4).") var period: String?
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            let environment = try CommandEnvironment.open(global)
            var targets = try TargetService(context: environment.context, actor: environment.actor).list()
            if let period {
                guard let wanted = TargetPeriod(period) else { throw TargetError.badPeriod(period) }
                targets = targets.filter { $0.period == wanted }
            }
            if json { return try Output.json(targets.map(TargetJSON.init)) }
            Output.table(["PERIOD", "WHOSE", "WON ¥", "WON DEALS", "NEW LEADS", "SET BY"], targets.map {
                [$0.period.description, $0.subject.description, $0.wonAmount?.description ?? "", $0.wonCount.map(String.init) ?? "",
                 $0.newLeads.map(String.init) ?? "", $0.setBy]
            })
        }
    }

    static func figures(_ target: SalesTarget) -> String {
        [target.wonAmount.map { "won \($0)" }, target.wonCount.map { "\($0) deals" }, target.newLeads.map { "\($0) new leads" }]
            .compactMap { $0 }.joined(separator: ", ")
    }
}

/// A target in `--json` output: amounts in yuan, nulls kept.
struct TargetJSON: Encodable {
    var subject: String
    var kind: String
    var period: String
    var wonAmount: Double?
    var wonCount: Int?
    var newLeads: Int?
    var setBy: String

    init(_ target: SalesTarget) {
        subject = target.subject.login
        kind = target.subject.kind
        period = target.period.description
        wonAmount = target.wonAmount?.yuan
        wonCount = target.wonCount
        newLeads = target.newLeads
        setBy = target.setBy
    }

    enum CodingKeys: String, CodingKey { case subject, kind, period, wonAmount, wonCount, newLeads, setBy }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(subject, forKey: .subject)
        try container.encode(kind, forKey: .kind)
        try container.encode(period, forKey: .period)
        try container.encode(wonAmount, forKey: .wonAmount)
        try container.encode(wonCount, forKey: .wonCount)
        try container.encode(newLeads, forKey: .newLeads)
        try container.encode(setBy, forKey: .setBy)
    }
}
