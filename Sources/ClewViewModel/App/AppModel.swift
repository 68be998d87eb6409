import ClewDomain
import ClewServices
import Foundation

/// The whole interface's state and what the user can do: the screen shown, the open lead, the
/// overlay (form, prompt, confirmation, help), and the status line. Keys arrive as action names
/// from the keymap (``perform(_:)``) or as text for the open form or prompt (``type(_:)``).
///
/// Nothing here draws or touches SQL: the TUI renders this state; services do the work.
public final class AppModel {
    /// The main screens, one per tab.
    public enum Screen: String, Hashable, Sendable, CaseIterable { case board, inbox, screening, pools, dashboard, customers, receivables, search }

    /// What is on top of the screen.
    public enum Overlay {
        case form(FormModel)
        case prompt(PromptModel)
        case confirm(Confirmation)
        case help
    }

    /// A question answered with y/n, or with one of a few more letters.
    public struct Confirmation {
        public var message: String
        /// The answers shown after the question (`[y/N]` unless the question has more).
        public var answers: String?
        let onYes: () throws -> StatusMessage?
        var onNo: (() -> Void)?
        /// More answers than yes and no, by their key.
        var extra: [Character: () throws -> StatusMessage?] = [:]
        /// The extra answers' keys, in order (for the key bar).
        public var extraKeys: [Character] { extra.keys.sorted() }
    }

    public let services: any SessionServices
    public let localizer: Localizer
    /// Other processes' commits, when the model runs in a terminal (``pollChanges()``).
    public var feed: (any ChangeSource)? {
        didSet { if let feed { changeMark = (try? feed.mark(for: services.actor.login)) ?? ChangeMark() } }
    }
    /// How far the feed has been read.
    private var changeMark = ChangeMark()
    /// How many times each view reloaded.
    public private(set) var reloads = ReloadCounts()
    public let board: BoardModel
    public let inbox: InboxModel
    public let search: SearchModel
    /// Supervisors' and admins' screening queue; nil for others.
    public let screening: ScreeningModel?
    /// The sales dashboard, loaded when first shown.
    public let dashboard: DashboardModel
    /// The lead pools, loaded when first shown.
    public let pools: PoolsModel
    /// The customer screen (key `6`), loaded when shown.
    public let customers: CustomersModel
    /// The finance screen (key `7`), loaded when shown.
    public let receivables: ReceivablesModel

    public internal(set) var screen: Screen = .board
    /// The open lead.
    public internal(set) var detail: LeadDetailModel?
    /// True when keys go to the detail pane rather than the list beside it.
    public internal(set) var detailFocused = false
    public internal(set) var overlay: Overlay?
    public var status: StatusMessage?
    public private(set) var shouldQuit = false
    var commandHistory: [String] = []
    /// A form set aside (e.g. to look at a duplicate), reopened by the next "new lead".
    var parkedForm: FormModel?
    var searchHistory: [String] = []

    public init(services: any SessionServices, language: Language) {
        self.services = services
        localizer = Localizer(language)
        board = BoardModel(services: services)
        inbox = InboxModel(services: services)
        search = SearchModel(services: services)
        pools = PoolsModel(services: services)
        customers = CustomersModel(services: services)
        receivables = ReceivablesModel(services: services)
        screening = services.canScreen ? ScreeningModel(services: services) : nil
        dashboard = DashboardModel(source: services.reports, role: services.actor.role, timeZone: services.timeZone) { services.now }
    }

    /// Whether heavy reads (the screening queue's scores and suggestions) run on another
    /// thread, applied by ``collectBackgroundLoads()``: the terminal's run loop sets it, so a key
    /// never waits for them; tests and scripted sessions read everything in place.
    public var loadsInBackground = false

    /// Loads what the first frame shows. In the background mode, the screening queue's items
    /// follow the first frame (its tab shows the count from the start). Finance starts on the
    /// finance screen (key `7`, what it works in), everyone else on the board.
    public func start() throws {
        // Finance's board (every lead) waits until it is shown: its first frame is the finance screen.
        if Self.startScreen(for: services.actor.role) == .board { try board.reload() } else { boardPending = true }
        try inbox.reload()
        if loadsInBackground, let screening {
            try screening.reloadCount()
            screening.reloadInBackground()
        } else {
            try screening?.reload()
        }
        if Self.startScreen(for: services.actor.role) == .receivables { show(.receivables) }
    }

    /// The board is still to be read (a start on another screen): ``show(_:)`` reads it.
    var boardPending = false

    /// The screen a role's interface opens on.
    public static func startScreen(for role: Role) -> Screen { role == .finance ? .receivables : .board }

    /// Whether a background read is still to arrive (the run loop then looks sooner).
    public var isLoadingInBackground: Bool { screening?.isLoadingInBackground ?? false }

    /// Applies the background reads that finished; true when the frame needs drawing again.
    public func collectBackgroundLoads() -> Bool {
        var changed = false
        run { changed = try screening?.collectBackgroundLoad() ?? false }
        return changed
    }

    /// The context whose keys the `?` help shows: the one the user was in when they asked.
    public private(set) var helpContextName = "board"

    /// What `/` in the help screen looks for (empty: every entry).
    public internal(set) var helpQuery = ""
    /// True while the help screen's `/` line takes the typing.
    public internal(set) var helpFinding = false
    /// The first help line shown.
    public internal(set) var helpScroll = 0
    private var helpExtent = (lines: 0, visible: 1)

    /// Opens the help overlay for the current context.
    func openHelp() {
        helpContextName = keyContextName
        helpQuery = ""
        helpFinding = false
        helpScroll = 0
        overlay = .help
    }

    /// Tells the model how many help lines there are and how many fit, before drawing.
    public func setHelpExtent(lines: Int, visible: Int) {
        helpExtent = (max(0, lines), max(1, visible))
        helpScroll = min(helpScroll, max(0, helpExtent.lines - helpExtent.visible))
    }

    /// Scrolls the help screen by `delta` lines (clamped).
    func scrollHelp(by delta: Int) {
        helpScroll = min(max(0, helpScroll + delta), max(0, helpExtent.lines - helpExtent.visible))
    }

    /// A key typed while the help screen's `/` line is open.
    func editHelpQuery(_ key: Key) {
        if key == .backspace, helpQuery.isEmpty { helpFinding = false; return }
        guard let edit = LineEdit(key) else { return }
        var cursor = helpQuery.count
        edit.apply(to: &helpQuery, cursor: &cursor)
        helpScroll = 0
    }

    /// The keymap context for the current state.
    public var keyContextName: String {
        switch overlay {
        case .form: return "form"
        case .prompt: return "prompt"
        case .confirm: return "prompt"
        case .help: return helpFinding ? "prompt" : "help"
        case nil:
            if detail != nil && detailFocused { return "detail" }
            // The results list navigates like any list; the query is typed in the `/` prompt.
            return screen == .search ? "generic" : screen.rawValue
        }
    }

    /// Tabs with their badges.
    public var tabs: [(screen: Screen, title: String, badge: Int?)] {
        var list: [(Screen, String, Int?)] = [(.board, localizer("tab.board"), nil), (.inbox, localizer("tab.inbox"), inbox.badge)]
        if let screening { list.append((.screening, localizer("tab.screening"), screening.total)) }
        list.append((.pools, localizer("tab.pools"), nil))
        list.append((.dashboard, localizer("tab.dashboard"), nil))
        if customers.permitted { list.append((.customers, localizer("tab.customers"), nil)) }
        if receivables.reach != .none { list.append((.receivables, localizer("tab.receivables"), nil)) }
        list.append((.search, localizer("tab.search"), nil))
        return list
    }

    // MARK: - Showing

    public func show(_ target: Screen) {
        guard target != .screening || screening != nil else {
            status = StatusMessage(localizer("msg.screening-only"), kind: .warning)
            return
        }
        if target == .receivables { showReceivables(); return }
        if target == .customers { showCustomers(); return }
        screen = target
        detailFocused = false
        if target == .board, boardPending {
            boardPending = false
            run { try board.reload() }
        }
        // Board, inbox and screening are loaded at start and kept fresh by ``refresh()`` (after
        // every action and on every change feed tick), so switching tabs loads nothing; the
        // dashboard reads its figures when shown, if they changed since it last did.
        if target == .search, search.query.isEmpty { openPrompt(.search) }
        if target == .dashboard { run { try dashboard.reloadIfNeeded() } }
        if target == .pools { run { try pools.reload() } }
    }

    /// Opens lead `number` in the detail pane and focuses it.
    public func open(_ number: String) {
        let model = LeadDetailModel(services: services, number: number, language: localizer.language)
        run {
            try model.reload()
            detail = model
            detailFocused = true
        }
    }

    public func closeDetail() {
        detail = nil
        detailFocused = false
    }

    /// Reloads everything visible after this process's own change (or `Ctrl-R`); the change
    /// feed's mark moves first, so the feed never reloads for it again.
    public func refresh() {
        if let feed { changeMark = (try? feed.mark(for: services.actor.login)) ?? changeMark }
        reload(.everything)
    }

    /// Asks the change feed what others committed since the last look and reloads only the
    /// views whose records changed (nothing for a lease renewal or an already-applied change of
    /// ours). Returns whether anything was reloaded (the frame needs drawing again).
    @discardableResult
    public func pollChanges() -> Bool {
        guard let feed, (try? feed.poll()) == true,
              let (changes, next) = try? feed.changes(since: changeMark, for: services.actor.login) else { return false }
        changeMark = next
        let before = reloads.total
        refresh(after: changes, inBackground: loadsInBackground)
        return reloads.total != before
    }

    /// Reloads the views `changes` touched; with `inBackground`, the screening queue is read
    /// on another thread (others' changes arrive while the user may be typing).
    public func refresh(after changes: ChangeSet, inBackground: Bool = false) {
        reload(ReloadPlan(changes, inboxLeads: inbox.leadIDs, detailLead: detail?.lead?.id), inBackground: inBackground)
    }

    private func reload(_ plan: ReloadPlan, inBackground: Bool = false) {
        run {
            if plan.board { try board.reload(); reloads.board += 1 }
            if plan.inbox { try inbox.reload(); reloads.inbox += 1 }
            if plan.screening, let screening {
                if inBackground { screening.reloadInBackground() } else { try screening.reload() }
                reloads.screening += 1
            }
            // The dashboard reads its figures again only while it is shown (else when next shown),
            // and only when its fingerprint says they changed: the tick's commits read nothing.
            if plan.dashboard {
                dashboard.invalidate()
                if screen == .dashboard, try dashboard.reloadIfNeeded() { reloads.dashboard += 1 }
            }
            if plan.pools, screen == .pools { try pools.reload(); reloads.pools += 1 }
            if plan.receivables, screen == .receivables { try receivables.reload(); reloads.receivables += 1 }
            if plan.receivables, screen == .customers { try customers.reload(); reloads.receivables += 1 }
            if plan.detail, let detail { try detail.reload(); reloads.detail += 1 }
        }
    }

    /// Runs `body`, turning a thrown error into the status line; a stale edit also reloads.
    @discardableResult
    func run(_ body: () throws -> Void) -> Bool {
        do {
            try body()
            return true
        } catch let error as StoreError {
            status = StatusMessage(errorText(error), kind: .error)
            if case .staleVersion = error { refresh() }
            return false
        } catch {
            status = StatusMessage(errorText(error), kind: .error)
            return false
        }
    }

    /// An error in the interface language, stages named as the pipeline names them.
    func errorText(_ error: any Error) -> String {
        localizer.error(error) { [services, localizer] key in services.pipeline.stage(named: key).map(localizer.stage) ?? key }
    }

    // MARK: - Overlays

    func openPrompt(_ kind: PromptModel.Kind, text: String = "") {
        overlay = .prompt(PromptModel(kind: kind, text: text, history: kind == .command ? commandHistory : searchHistory))
    }

    func openForm(_ form: FormModel) { overlay = .form(form) }

    func ask(_ message: String, answers: String? = nil, onNo: (() -> Void)? = nil,
             extra: [Character: () throws -> StatusMessage?] = [:], onYes: @escaping () throws -> StatusMessage?) {
        overlay = .confirm(Confirmation(message: message, answers: answers, onYes: onYes, onNo: onNo, extra: extra))
    }

    public func closeOverlay() { overlay = nil }

    /// The open form, if any (for saving a draft).
    public var openForm: FormModel? {
        if case let .form(form) = overlay { return form }
        return nil
    }

    /// Reopens a saved draft.
    public func restore(_ draft: FormDraft) {
        let form = FormModel(draft: draft)
        form.language = localizer.language
        overlay = .form(form)
        status = StatusMessage(localizer("msg.restored"), kind: .info)
    }

    func quit() { shouldQuit = true }
}
