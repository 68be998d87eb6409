/// What the terminal can show, as ncurses reports it after `start_color`, plus the user's
/// `NO_COLOR` wish. Decides the ``ColorDegradation`` policy.
public struct TerminalCapabilities: Hashable, Sendable {
    /// `COLORS` (0 when the terminal has no colours).
    public var colors: Int
    /// `COLOR_PAIRS` (0 when the terminal has no colours).
    public var pairs: Int
    /// `NO_COLOR` is set to a non-empty value (https://no-color.org).
    public var noColor: Bool

    /// Creates a summary.
    public init(colors: Int, pairs: Int, noColor: Bool) {
        self.colors = colors
        self.pairs = pairs
        self.noColor = noColor
    }

    /// Whether `environment` asks for no colour: `NO_COLOR` present and not empty.
    public static func noColorRequested(in environment: [String: String]) -> Bool {
        guard let value = environment["NO_COLOR"] else { return false }
        return !value.isEmpty
    }

    /// The colour policy for these capabilities.
    public var degradation: ColorDegradation { ColorDegradation(capabilities: self) }
}
