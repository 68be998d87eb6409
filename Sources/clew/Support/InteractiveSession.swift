import ArgumentParser
import ClewAutomation
import ClewDomain
import ClewServices
import ClewStore
import ClewTUI
import ClewViewModel
import Foundation

/// Options of the full-screen interface.
struct InterfaceOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Interface language: en or zh (default: from LC_ALL/LC_MESSAGES/LANG).", valueName: "en|zh"))
    var lang: String?

    @Option(help: ArgumentHelp("Theme: default, light, high-contrast, mono, or a file (default: $XDG_CONFIG_HOME/clew/theme).", valueName: "name|path"))
    var theme: String?

    @Option(help: ArgumentHelp("Dashboard charts: auto, blocks, braille or ascii (default: $CLEW_CHARTS, else auto: blocks, ASCII without UTF-8 or with NO_COLOR).",
                               valueName: "tier"))
    var charts: String?

    @Option(name: .customLong("ambiguous-width"),
            help: ArgumentHelp("Cells your terminal gives ambiguous-width characters (─ │ ▌ … ·): auto, 1 or 2 (default: $CLEW_AMBIGUOUS_WIDTH, else auto: asks the terminal).",
                               valueName: "auto|1|2"))
    var ambiguousWidth: String?
}

/// Opens the board for an acting user: loads the keymap and theme (reporting bad lines without
/// giving up), then runs the TUI.
enum InteractiveSession {
    /// Whether stdin and stdout are a terminal (otherwise commands print plain text).
    static var isInteractive: Bool { isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1 }

    static func run(_ environment: CommandEnvironment, options: InterfaceOptions) throws {
        let env = ProcessInfo.processInfo.environment
        // The user's own files, read with the user's own group only (a team install).
        let (keymap, keyProblems) = Privilege.asUser { KeymapLoader.loadUserKeymap(environment: env) }
        let source = try Privilege.asUser {
            try ThemeLocation.source(option: options.theme, environment: env) { FileManager.default.fileExists(atPath: $0) }
        }
        let (theme, themeProblems) = Privilege.asUser { ThemeLoader.load(source) }
        let problems = keyProblems.map(\.description) + themeProblems.map(\.description)
        // After the full screen is gone (the status line names the first and how many).
        defer { for problem in problems { Output.error("clew: \(problem)") } }
        let language = Language.detect(flag: options.lang, environment: env)
        guard let charts = ChartTier.preference(option: options.charts, environment: env) else {
            throw ValidationError("--charts (or CLEW_CHARTS) must be auto, blocks, braille or ascii, not \(options.charts ?? env["CLEW_CHARTS"] ?? "")")
        }
        guard let ambiguousWidth = AmbiguousWidthSetting.preference(option: options.ambiguousWidth, environment: env) else {
            throw ValidationError("--ambiguous-width (or CLEW_AMBIGUOUS_WIDTH) must be auto, 1 or 2, not \(options.ambiguousWidth ?? env["CLEW_AMBIGUOUS_WIDTH"] ?? "")")
        }
        let app = AppModel(services: LiveServices(context: environment.context, actor: environment.actor), language: language)
        let feed = try ChangeFeed(database: environment.context.database)
        // A stable name per user and database (String.hashValue changes every run).
        let pathHash = environment.context.database.path.utf8.reduce(UInt32(2_166_136_261)) { ($0 ^ UInt32($1)) &* 16_777_619 }
        let draftName = "draft-\(environment.actor.login)-\(String(pathHash, radix: 16)).json"
        let drafts = DraftStore(path: DataDirectory.path + "/" + draftName, asUser: { Privilege.asUser($0) })
        let ticker = AutomationTicker(service: TickService(context: environment.context, actor: environment.actor))
        ticker.start()
        defer { ticker.stop() }
        try TUIApp(app: app, keymap: keymap, theme: theme, feed: feed, drafts: drafts,
                   warnings: problems, charts: charts,
                   ambiguousWidth: ambiguousWidth, mark: StatementTrace.mark)
            .run(colorMode: .automatic)
        if let saved = drafts.savedPath, saved != drafts.path {
            Output.error("clew: note: \(drafts.path) could not be written; your unfinished form was kept in \(saved) and is offered next time")
        }
    }
}
