/// Something the user can do with a key: the keymap's vocabulary (`move-down`, `grade`, …).
///
/// Actions are declared once in `ActionRegistry`, apart from the keys bound to them
/// (`DefaultKeymap`, the user's `keymap.conf`), as neomutt's `functions.c` and lazygit's
/// `Binding` keep them. The help screen and the bottom bar are generated from these records.
public struct KeyAction: Hashable, Sendable {
    /// The kebab-case name used in `keymap.conf`, such as `log-follow-up`.
    public var name: String
    /// One line of English for the help screen.
    public var description: String
    /// The same line in Chinese.
    public var chineseDescription: String
    /// Where the action means something. `generic` means every context.
    public var contexts: Set<KeyContext>
    /// Whether the bottom bar lists it when it is available.
    public var shownInBar: Bool
    /// One or two words for the key bar (English, Chinese); the name as words when not given.
    public var barLabel: (english: String, chinese: String)? {
        get { barLabels.map { ($0[0], $0[1]) } }
        set { barLabels = newValue.map { [$0.english, $0.chinese] } }
    }
    private var barLabels: [String]?

    /// Declares an action.
    public init(name: String, description: String, chineseDescription: String,
                contexts: Set<KeyContext>, shownInBar: Bool = false, barLabel: (english: String, chinese: String)? = nil) {
        self.name = name
        self.description = description
        self.chineseDescription = chineseDescription
        self.contexts = contexts
        self.shownInBar = shownInBar
        self.barLabels = barLabel.map { [$0.english, $0.chinese] }
    }

    /// The key bar's label in `language`: short, so the bar keeps `?` in view at 80 columns.
    public func barLabel(in language: Language) -> String {
        if let barLabel { return language == .zh ? barLabel.chinese : barLabel.english }
        return language == .zh ? chineseDescription : name.replacingOccurrences(of: "-", with: " ")
    }

    /// Whether the action means something in `context`: it is declared there, or it is a generic
    /// action and `context` is not `generic` itself.
    public func applies(in context: KeyContext) -> Bool {
        contexts.contains(context) || contexts.contains(.generic)
    }
}
