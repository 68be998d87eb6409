import ClewDomain
import ClewServices
import ClewViewModel
import Foundation

/// The interactive program: sets up the terminal, then runs key → action → view model → frame
/// until the user quits. Other users' changes arrive through the change source and redraw within
/// a second without a key press.
public final class TUIApp {
    let app: AppModel
    let keymap: Keymap
    let theme: Theme
    let feed: any ChangeSource
    let drafts: DraftStore
    let warnings: [String]
    let charts: ChartTier.Preference
    let ambiguousWidth: AmbiguousWidthSetting
    /// Writes a phase marker to the diagnostic trace (`CLEW_SQL_TRACE`), if one is on.
    let mark: @Sendable (String) -> Void
    /// The chart tier in use: as asked for on a UTF-8 terminal until ``run(colorMode:)`` knows the real one.
    private(set) var chartTier: ChartTier

    /// How often the change feed is polled while no key is pressed: one `PRAGMA data_version`
    /// (microseconds), so others' commits show within about half a second.
    static let pollInterval: TimeInterval = 0.5

    public init(app: AppModel, keymap: Keymap, theme: Theme, feed: any ChangeSource, drafts: DraftStore, warnings: [String] = [],
                charts: ChartTier.Preference = .auto, ambiguousWidth: AmbiguousWidthSetting = .auto,
                mark: @escaping @Sendable (String) -> Void = { _ in }) {
        self.mark = mark
        self.app = app
        self.charts = charts
        self.ambiguousWidth = ambiguousWidth
        chartTier = ChartTier.choose(charts, utf8: true, noColor: false)
        self.keymap = keymap
        self.theme = theme
        self.feed = feed
        self.drafts = drafts
        self.warnings = warnings
    }

    /// Runs until the user quits; restores the terminal however it ends. East Asian Ambiguous
    /// characters are laid out in the cells the setting says, or the terminal answers.
    public func run(colorMode: NCursesScreen.ColorMode) throws {
        let cells = ambiguousWidth.cells { AmbiguousWidthProbe.detect() }
        try AmbiguousWidth.$cells.withValue(cells) { try runLoop(colorMode: colorMode) }
    }

    private func runLoop(colorMode: NCursesScreen.ColorMode) throws {
        // A parent that blocks SIGWINCH (some launchers, test runners) would hide every resize.
        var resize = sigset_t()
        sigemptyset(&resize)
        sigaddset(&resize, SIGWINCH)
        pthread_sigmask(SIG_UNBLOCK, &resize, nil)
        mark("ncurses start")
        let screen = try NCursesScreen(colorMode: colorMode)
        defer { screen.restore() }
        let drafts = self.drafts
        NCursesScreen.onTerminatingSignal { _ in drafts.persist() }
        let theme = screen.capabilities.colors == 0 || screen.capabilities.noColor ? self.theme.withoutColors() : self.theme
        chartTier = ChartTier.choose(charts, utf8: screen.locale.isUTF8, noColor: screen.capabilities.noColor)
        app.feed = feed
        app.loadsInBackground = true
        mark("loading the first frame")
        try app.start()
        if let draft = drafts.take() { app.restore(draft) }
        if let warning = screen.locale.warning ?? warnings.first.map({ app.localizer("msg.config-problems", warnings.count, $0) }) {
            app.status = StatusMessage(warning, kind: .warning)
        }
        var matcher = KeySequenceMatcher(keymap: keymap)
        var lastPoll = Date()
        render(on: screen, theme: theme)
        mark("first frame drawn")
        while !app.shouldQuit {
            // A background read (the screening queue) is applied as soon as it arrives.
            let event = screen.readEvent(timeoutMilliseconds: app.isLoadingInBackground ? 10 : 250)
            let arrived = app.collectBackgroundLoads()
            switch event {
            case let .key(key):
                switch handle(key, matcher: &matcher) {
                case "refresh": screen.invalidate()
                case "suspend": screen.suspend()
                default: break
                }
            case .resize, .mouse:
                break
            case .none:
                guard Date().timeIntervalSince(lastPoll) >= Self.pollInterval else {
                    if arrived { break } else { continue }
                }
                lastPoll = Date()
                guard app.pollChanges() || arrived else { continue }
            }
            drafts.update(app.openForm?.draft)
            render(on: screen, theme: theme)
        }
        drafts.persist()
    }

    /// One key: text for an open form or prompt, else through the keymap. Returns the name of
    /// the action performed, if the key completed a binding. (Public so `clew-bench` times keys
    /// through this, the matcher and ``render(on:theme:)`` exactly as the run loop calls them.)
    @discardableResult
    public func handle(_ key: Key, matcher: inout KeySequenceMatcher) -> String? {
        let context = KeyContext(rawValue: app.keyContextName) ?? .generic
        let typing = context == .form || context == .prompt
        if typing, case .character = key {
            matcher.reset()
            app.type(key)
            return nil
        }
        if case .confirm = app.overlay, key != .escape {
            app.type(key)
            return nil
        }
        switch matcher.feed(key, in: context) {
        case let .matched(action):
            app.perform(action.name)
            return action.name
        case .pending: return nil
        case .unbound:
            app.type(key)
            return nil
        }
    }

    /// Lays out and draws one frame, with the real key bar (``bar(_:context:app:)``).
    public func render(on screen: any Screen, theme: Theme) {
        let context = KeyContext(rawValue: app.keyContextName) ?? .generic
        try? AppView.updateViewports(app, size: screen.size)
        let language = app.localizer.language
        var help: [(title: String, items: [(keys: String, description: String)])] = []
        if case .help = app.overlay {
            help = Self.help(keymap, context: KeyContext(rawValue: app.helpContextName) ?? .generic, language: language,
                             allowed: app.roleAllows, query: app.helpQuery)
            app.setHelpExtent(lines: HelpView.lineCount(help), visible: HelpView.visibleRows(for: screen.size))
        }
        let view = AppView(bar: Self.bar(keymap, context: context, app: app), help: help, charts: chartTier)
        view.draw(app, on: screen) { theme.attributes(named: $0) }
    }

    /// The key bar: what the reader can do here now (actions with a disabled reason left out),
    /// with short labels. A yes/no question gets its own truthful bar: only `y` says yes.
    static func bar(_ keymap: Keymap, context: KeyContext, app: AppModel) -> [(String, String)] {
        let t = app.localizer
        if case let .confirm(question) = app.overlay {
            if question.answers != nil {
                return [("y", t("bar.open-it"))] + question.extraKeys.map { (String($0), t("bar.answer.\($0)")) } + [("n Esc", t("bar.back-to-form"))]
            }
            return [("y", t("bar.yes")), ("n Enter Esc", t("bar.no"))]
        }
        if case .help = app.overlay, !app.helpFinding {
            return [("j k", t("bar.scroll")), ("/", t("bar.find")), ("Esc", t("bar.close"))]
        }
        return keymap.barItems(for: context)
            .filter { app.disabledReason(for: $0.action.name) == nil }
            .map { ($0.keys, $0.action.barLabel(in: t.language)) }
    }

    /// The help screen's sections for `context`: what the reader's role can do at all, whole
    /// descriptions, narrowed to entries whose keys or description contain `query`.
    static func help(_ keymap: Keymap, context: KeyContext, language: Language, allowed: (String) -> Bool = { _ in true },
                     query: String = "") -> [(title: String, items: [(keys: String, description: String)])] {
        let needle = query.lowercased()
        return keymap.helpSections(for: context).compactMap { section in
            let items = section.entries.filter { allowed($0.action.name) }.map { entry in
                (keys: entry.keys.joined(separator: " "), description: language == .zh ? entry.action.chineseDescription : entry.help)
            }.filter { needle.isEmpty || $0.keys.lowercased().contains(needle) || $0.description.lowercased().contains(needle) }
            guard !items.isEmpty else { return nil }
            return (Localizer(language)("help.section.\(section.title)"), items)
        }
    }
}
