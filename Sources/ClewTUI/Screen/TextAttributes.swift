/// A terminal colour: the terminal's default, one of 256 palette entries, or a true colour that a
/// back end maps to the nearest palette entry it can show.
public enum TerminalColor: Hashable, Sendable {
    case `default`
    /// 0–7 the basic colours, 8–15 bright, 16–231 the 6×6×6 cube, 232–255 greys.
    case palette(Int)
    case rgb(UInt8, UInt8, UInt8)
}

/// How a run of text looks: colours and attributes.
public struct TextAttributes: Hashable, Sendable {
    public var foreground: TerminalColor
    public var background: TerminalColor
    public var bold: Bool
    public var underline: Bool
    public var reverse: Bool
    public var dim: Bool
    public var italic: Bool

    public init(foreground: TerminalColor = .default, background: TerminalColor = .default, bold: Bool = false,
                underline: Bool = false, reverse: Bool = false, dim: Bool = false, italic: Bool = false) {
        self.foreground = foreground
        self.background = background
        self.bold = bold
        self.underline = underline
        self.reverse = reverse
        self.dim = dim
        self.italic = italic
    }

    /// Plain text in the terminal's colours.
    public static let plain = TextAttributes()
}

/// The size of the screen in cells.
public struct ScreenSize: Hashable, Sendable {
    public var rows: Int
    public var columns: Int

    public init(rows: Int, columns: Int) {
        self.rows = rows
        self.columns = columns
    }
}
