import ClewDomain
import ClewStore
import ClewViewModel
import Foundation

/// The interactive program: sets up the terminal, then runs key → action → view model → frame
/// until the user quits. Other users' changes arrive through the ``ChangeFeed`` and redraw within
/// a second without a key press.
public final class TUIApp {
    let app: AppModel
    let keymap: Keymap
    let theme: Theme
    let feed: ChangeFeed
    let drafts: DraftStore
    let warnings: [String]

    /// How often the change feed is polled.
    static let pollInterval: TimeInterval = 1

    public init(app: AppModel, keymap: Keymap, theme: Theme, feed: ChangeFeed, drafts: DraftStore, warnings: [String] = []) {
        self.app = app
        self.keymap = keymap
        self.theme = theme
        self.feed = feed
        self.drafts = drafts
        self.warnings = warnings
    }

    /// Runs until the user quits; restores the terminal however it ends.
    public func run(colorMode: NCursesScreen.ColorMode) throws {
        // A parent that blocks SIGWINCH (some launchers, test runners) would hide every resize.
        var resize = sigset_t()
        sigemptyset(&resize)
        sigaddset(&resize, SIGWINCH)
        pthread_sigmask(SIG_UNBLOCK, &resize, nil)
        let screen = try NCursesScreen(colorMode: colorMode)
        defer { screen.restore() }
        let drafts = self.drafts
        NCursesScreen.onTerminatingSignal { _ in drafts.persist() }
        let theme = screen.capabilities.colors == 0 || screen.capabilities.noColor ? self.theme.withoutColors() : self.theme
        try app.start()
        if let draft = drafts.take() { app.restore(draft) }
        if let warning = screen.locale.warning ?? warnings.first { app.status = StatusMessage(warning, kind: .warning) }
        var matcher = KeySequenceMatcher(keymap: keymap)
        var lastPoll = Date()
        render(on: screen, theme: theme)
        while !app.shouldQuit {
            let event = screen.readEvent(timeoutMilliseconds: 250)
            switch event {
            case let .key(key):
                handle(key, matcher: &matcher)
            case .resize, .mouse:
                break
            case .none:
                guard Date().timeIntervalSince(lastPoll) >= Self.pollInterval else { continue }
                lastPoll = Date()
                guard (try? feed.poll()) == true else { continue }
                app.refresh()
            }
            drafts.update(app.openForm?.draft)
            render(on: screen, theme: theme)
        }
        drafts.persist()
    }

    /// One key: text for an open form or prompt, else through the keymap.
    func handle(_ key: Key, matcher: inout KeySequenceMatcher) {
        let context = KeyContext(rawValue: app.keyContextName) ?? .generic
        let typing = context == .form || context == .prompt
        if typing, case .character = key {
            matcher.reset()
            app.type(key)
            return
        }
        if case .confirm = app.overlay, key != .escape {
            app.type(key)
            return
        }
        switch matcher.feed(key, in: context) {
        case let .matched(action): app.perform(action.name)
        case .pending: break
        case .unbound: app.type(key)
        }
    }

    func render(on screen: any Screen, theme: Theme) {
        let context = KeyContext(rawValue: app.keyContextName) ?? .generic
        try? AppView.updateViewports(app, size: screen.size)
        let view = AppView(bar: Self.bar(keymap, context: context, language: app.localizer.language),
                           help: app.keyContextName == KeyContext.help.rawValue
                               ? Self.help(keymap, context: KeyContext(rawValue: app.helpContextName) ?? .generic, language: app.localizer.language)
                               : [])
        view.draw(app, on: screen) { theme.attributes(named: $0) }
    }

    static func bar(_ keymap: Keymap, context: KeyContext, language: Language) -> [(String, String)] {
        keymap.barItems(for: context).map { item in
            (item.keys, language == .zh ? item.action.chineseDescription : item.action.shortLabel)
        }
    }

    static func help(_ keymap: Keymap, context: KeyContext, language: Language) -> [(title: String, items: [(keys: String, description: String)])] {
        keymap.helpSections(for: context).map { section in
            (section.title, section.entries.map { entry in
                (entry.keys.joined(separator: " "), language == .zh ? entry.action.chineseDescription : entry.help)
            })
        }
    }
}

extension KeyAction {
    /// The action's name as words ("log follow up"), short enough for the key bar.
    var shortLabel: String { name.replacingOccurrences(of: "-", with: " ") }
}
