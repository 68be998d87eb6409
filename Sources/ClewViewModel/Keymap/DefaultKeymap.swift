/// The built-in key bindings: vim keys and arrows, as in lazygit, tig and k9s (DESIGN §9).
///
/// The repository's `keymap.conf` holds exactly these bindings in the file grammar (a test keeps
/// the two equal). Within a context, keys that share a first key have the same length, so `gg`
/// is bound and `g` alone is not.
public enum DefaultKeymap {
    /// Every default binding, grouped by context in `KeyContext` order.
    public static let bindings: [KeyBinding] = generic + board + detail + inbox + screening + search + form + prompt
        + help + laterScreens

    // MARK: - Private

    private static func bind(_ context: KeyContext, _ keys: KeySequence, _ action: String,
                             _ help: String? = nil) -> KeyBinding {
        KeyBinding(context: context, keys: keys, action: action, help: help)
    }

    /// Printable characters, each its own key: `"gg"` is `g` then `g`.
    private static func bind(_ context: KeyContext, _ text: String, _ action: String,
                             _ help: String? = nil) -> KeyBinding {
        bind(context, text.map(Key.character), action, help)
    }

    private static let generic: [KeyBinding] = [
        bind(.generic, "j", "move-down"), bind(.generic, [.down], "move-down"),
        bind(.generic, "k", "move-up"), bind(.generic, [.up], "move-up"),
        bind(.generic, "h", "move-left"), bind(.generic, [.left], "move-left"),
        bind(.generic, "l", "move-right"), bind(.generic, [.right], "move-right"),
        bind(.generic, "gg", "first"), bind(.generic, [.home], "first"),
        bind(.generic, "G", "last"), bind(.generic, [.end], "last"),
        bind(.generic, [.control("d")], "page-down"), bind(.generic, [.pageDown], "page-down"),
        bind(.generic, [.control("u")], "page-up"), bind(.generic, [.pageUp], "page-up"),
        bind(.generic, [.enter], "open"),
        bind(.generic, [.escape], "back"), bind(.generic, "q", "back"),
        bind(.generic, "Q", "quit"), bind(.generic, [.control("c")], "quit"),
        bind(.generic, [.tab], "next-pane"), bind(.generic, [.backTab], "prev-pane"),
        bind(.generic, "?", "help"), bind(.generic, [.function(1)], "help"),
        bind(.generic, "/", "search"), bind(.generic, "f", "filter"), bind(.generic, ":", "command"),
        bind(.generic, [.control("z")], "suspend"),
        bind(.generic, [.control("r")], "refresh"), bind(.generic, [.function(5)], "refresh"),
        bind(.generic, "1", "show-board"), bind(.generic, "2", "show-inbox"), bind(.generic, "3", "show-screening"),
        bind(.generic, "4", "show-pools"), bind(.generic, "5", "show-dashboard"), bind(.generic, "6", "show-customers"),
        bind(.generic, "7", "show-receivables"), bind(.generic, "8", "show-tickets"),
    ]

    /// Keys that act on a lead, shared by the board (the focused card) and the detail screen.
    private static func leadKeys(_ context: KeyContext) -> [KeyBinding] {
        [
            bind(context, ">", "move-forward"), bind(context, "<", "move-back"), bind(context, "S", "skip-stage"),
            bind(context, "L", "log-follow-up"), bind(context, "t", "add-task"),
            bind(context, "r", "grade", "Grade the lead (rate A, B or C)"),
            bind(context, "a", "assign"),
            bind(context, "W", "win", "Mark won (asks first)"), bind(context, "X", "lose", "Mark lost (asks for a reason)"),
            bind(context, "C", "convert", "Convert once intent is confirmed (转换线索)"), bind(context, "T", "tag"),
            bind(context, "p", "return-to-pool"), bind(context, "c", "claim"), bind(context, "m", "add-note"),
            bind(context, "y", "confirm"), bind(context, "O", "object"),
        ]
    }

    private static let board: [KeyBinding] = [
        bind(.board, "q", "ask-quit"), bind(.board, "n", "new-lead"), bind(.board, "s", "toggle-scope"),
    ] + leadKeys(.board)

    private static let detail: [KeyBinding] = leadKeys(.detail) + [bind(.detail, "e", "edit-lead")]

    private static let inbox: [KeyBinding] = [
        bind(.inbox, "q", "ask-quit"), bind(.inbox, "x", "complete"), bind(.inbox, "z", "snooze"),
        bind(.inbox, "J", "jump-to-lead"), bind(.inbox, "A", "approve"), bind(.inbox, "R", "reject"),
        bind(.inbox, "y", "confirm"), bind(.inbox, "O", "object"), bind(.inbox, "X", "mark-group-read"),
    ]

    private static let screening: [KeyBinding] = [
        bind(.screening, "q", "ask-quit"), bind(.screening, [.character(" ")], "toggle-select"),
        bind(.screening, "*", "select-all"), bind(.screening, "s", "assign-suggested"),
        bind(.screening, "b", "bulk-assign"), bind(.screening, "a", "assign"), bind(.screening, "r", "grade"),
        bind(.screening, "n", "new-lead"),
    ]

    private static let search: [KeyBinding] = [
        bind(.search, [.down], "move-down"), bind(.search, [.control("n")], "move-down"),
        bind(.search, [.up], "move-up"), bind(.search, [.control("p")], "move-up"),
        bind(.search, [.pageDown], "page-down"), bind(.search, [.pageUp], "page-up"),
        bind(.search, [.enter], "open"), bind(.search, [.escape], "back"), bind(.search, [.control("c")], "back"),
    ]

    private static let form: [KeyBinding] = [
        bind(.form, [.tab], "next-field"), bind(.form, [.down], "next-field"),
        bind(.form, [.backTab], "prev-field"), bind(.form, [.up], "prev-field"),
        bind(.form, [.enter], "submit"), bind(.form, [.control("s")], "submit"),
        bind(.form, [.escape], "cancel"), bind(.form, [.control("c")], "cancel"),
    ]

    private static let prompt: [KeyBinding] = [
        bind(.prompt, [.enter], "accept"),
        bind(.prompt, [.escape], "cancel-prompt"), bind(.prompt, [.control("c")], "cancel-prompt"),
        bind(.prompt, [.up], "history-prev"), bind(.prompt, [.control("p")], "history-prev"),
        bind(.prompt, [.down], "history-next"), bind(.prompt, [.control("n")], "history-next"),
    ]

    private static let dashboard: [KeyBinding] = [
        bind(.dashboard, "q", "ask-quit"), bind(.dashboard, "r", "next-range"),
        bind(.dashboard, "[", "previous-period"), bind(.dashboard, "]", "next-period"),
        bind(.dashboard, "s", "toggle-scope"), bind(.dashboard, "c", "toggle-campaigns"),
    ]

    private static let pools: [KeyBinding] = [
        bind(.pools, "q", "ask-quit"), bind(.pools, "c", "claim", "Claim the lead, or the selected leads (asks first; shows the daily limit)"),
        bind(.pools, [.character(" ")], "toggle-select"), bind(.pools, [.tab], "next-pane"),
        bind(.pools, "p", "return-to-pool", "Return one of my claims to its pool (asks a reason)"),
    ]

    /// The screens to come get their context now, with `q` as on the other screens, so a user's
    /// keymap.conf can already bind keys there.
    private static let upcoming: [KeyBinding] = KeyContext.upcomingScreens.map { bind($0, "q", "ask-quit") }

    /// The numbered screens after help, in context order: the dashboard's keys among the `q` of
    /// the screens to come.
    private static let laterScreens: [KeyBinding] = KeyContext.allCases.filter { $0 > .help }.flatMap { context in
        context == .dashboard ? dashboard : context == .pools ? pools : upcoming.filter { $0.context == context }
    }

    private static let help: [KeyBinding] = [
        bind(.help, "?", "back"),
    ]
}
