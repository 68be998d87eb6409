import ArgumentParser
import ClewDomain
import ClewServices
import ClewStore
import Foundation

/// `clew intake token …`: the tokens `clew-serve` accepts posts with (admins).
struct IntakeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "intake", abstract: "The web-form and event intake (clew-serve): its tokens.",
        subcommands: [Token.self])

    struct Token: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "token", abstract: "Make, list and revoke intake tokens (admins).",
            subcommands: [Add.self, List.self, Revoke.self])
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make a token; prints its secret once.",
            discussion: "The token's leads get its source (and campaign). A --public token may sit in a web page: its answers never say whether the person was already a lead.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "The 线索来源 of its leads (官网, 抖音, 公众号, …).") var source: String
        @Option(help: "The 营销活动 of its leads.") var campaign: String?
        @Option(help: "Posts allowed per minute (default 60).") var rate = IntakeToken.defaultRate
        @Flag(name: .customLong("public"), help: "The token sits in a web page (answers reveal no lead).") var isPublic = false

        func validate() throws { try OptionLimits.check(rate, in: IntakeToken.rateLimits, "--rate") }

        func run() throws {
            let environment = try CommandEnvironment.open(global)
            let made = try IntakeTokenService(context: environment.context, actor: environment.actor)
                .add(source: source, campaign: campaign, ratePerMinute: rate, isPublic: isPublic)
            Output.line(made.secret)
            Output.error("intake token #\(made.token.id) for \(Output.safe(made.token.source))\(made.token.isPublic ? ", public" : ""), \(made.token.ratePerMinute)/min; "
                + "keep the secret above: it is stored hashed and cannot be shown again")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List tokens (never their secrets).")
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let environment = try CommandEnvironment.open(global)
            let tokens = try IntakeTokenService(context: environment.context, actor: environment.actor).list()
            if tokens.isEmpty { return Output.line("No intake tokens; make one with clew intake token add --source 官网.") }
            Output.table(["ID", "PREFIX", "SOURCE", "CAMPAIGN", "RATE/MIN", "KIND", "CREATED", "REVOKED"], tokens.map { token in
                ["#\(token.id)", token.prefix + "…", Output.safe(token.source), Output.safe(token.campaign), String(token.ratePerMinute),
                 token.isPublic ? "public" : "private", Output.day(token.createdAt), token.revokedAt.map { Output.day($0) } ?? ""]
            })
        }
    }

    struct Revoke: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a token: its posts are refused from now on.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The token's id (#3 or 3).") var id: String

        func run() throws {
            let environment = try CommandEnvironment.open(global)
            guard let number = Int64(id.hasPrefix("#") ? String(id.dropFirst()) : id), number > 0 else {
                throw ValidationError("give the token's id as clew intake token list shows it (#3)")
            }
            let token = try IntakeTokenService(context: environment.context, actor: environment.actor).revoke(number)
            Output.line("\(Output.safe(token.label)) revoked.")
        }
    }
}
