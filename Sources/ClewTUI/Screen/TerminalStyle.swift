/// ``TextAttributes`` resolved for one terminal: colour numbers the terminal can show
/// (`nil` = the terminal's default colour) and the attributes to set.
public struct TerminalStyle: Hashable, Sendable {
    /// Foreground colour number below `COLORS`, or `nil` for the default.
    public var foreground: Int?
    /// Background colour number below `COLORS`, or `nil` for the default.
    public var background: Int?
    /// Bold.
    public var bold: Bool
    /// Underline.
    public var underline: Bool
    /// Reverse video.
    public var reverse: Bool
    /// Dim.
    public var dim: Bool
    /// Italic.
    public var italic: Bool

    /// Creates a style.
    public init(foreground: Int? = nil, background: Int? = nil, bold: Bool = false, underline: Bool = false,
                reverse: Bool = false, dim: Bool = false, italic: Bool = false) {
        self.foreground = foreground
        self.background = background
        self.bold = bold
        self.underline = underline
        self.reverse = reverse
        self.dim = dim
        self.italic = italic
    }
}
