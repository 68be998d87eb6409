/// How theme colours are shown on a terminal that may have fewer colours than the theme asks for.
///
/// - ``palette256``: 256 colours or more. Palette entries are used as they are; `#rrggbb` maps to
///   the nearest entry of the xterm 6×6×6 cube and grey ramp.
/// - ``basic8``: 8 or 16 colours (`TERM=screen`: `COLORS` 8, `COLOR_PAIRS` 64). Every colour maps
///   to one of the 8 basic colours, so no index reaches `COLORS`.
/// - ``attributesOnly``: no colours, or `NO_COLOR`. Colours are dropped; bold, underline, reverse,
///   dim and italic are kept, and a non-default background becomes reverse video so focused rows
///   and bars stay visible.
public enum ColorDegradation: Hashable, Sendable {
    case palette256
    case basic8
    case attributesOnly

    /// The policy for `capabilities`.
    public init(capabilities: TerminalCapabilities) {
        if capabilities.noColor || capabilities.colors < 8 || capabilities.pairs < 2 {
            self = .attributesOnly
        } else if capabilities.colors >= 256 {
            self = .palette256
        } else {
            self = .basic8
        }
    }

    /// The colour number to use for `color`, or `nil` for the terminal's default colour.
    /// Palette indices outside 0–255 count as the default colour.
    public func colorNumber(for color: TerminalColor) -> Int? {
        switch (self, color) {
        case (.attributesOnly, _), (_, .default):
            return nil
        case let (_, .palette(index)) where !(0...255).contains(index):
            return nil
        case let (.palette256, .palette(index)):
            return index
        case let (.palette256, .rgb(red, green, blue)):
            return Self.nearestPaletteIndex(red: red, green: green, blue: blue)
        case let (.basic8, .palette(index)):
            return Self.nearestBasicColor(paletteIndex: index)
        case let (.basic8, .rgb(red, green, blue)):
            return Self.nearestBasicColor(red: red, green: green, blue: blue)
        }
    }

    /// `attributes` resolved for this policy.
    ///
    /// When degrading makes two different colours equal (dark grey text on black under
    /// ``basic8``), the foreground becomes white or black so the text stays readable.
    public func resolve(_ attributes: TextAttributes) -> TerminalStyle {
        var style = TerminalStyle(bold: attributes.bold, underline: attributes.underline,
                                  reverse: attributes.reverse, dim: attributes.dim, italic: attributes.italic)
        guard self != .attributesOnly else {
            if attributes.background != .default { style.reverse = true }
            return style
        }
        style.foreground = colorNumber(for: attributes.foreground)
        style.background = colorNumber(for: attributes.background)
        if self == .basic8, let foreground = style.foreground, foreground == style.background,
           attributes.foreground != attributes.background {
            style.foreground = foreground == 0 || foreground == 1 || foreground == 4 ? 7 : 0
        }
        // A dark grey (the board's column rule, color240) would become black, invisible on the
        // usual dark default background of an 8-colour terminal (TERM=screen): dim white instead.
        if self == .basic8, style.foreground == 0, attributes.background == .default, !Self.isBlack(attributes.foreground) {
            style.foreground = 7
            style.dim = true
        }
        return style
    }

    // MARK: - Colour arithmetic

    /// Whether `color` is black itself (not a dark colour that degrades to black).
    private static func isBlack(_ color: TerminalColor) -> Bool {
        switch color {
        case let .palette(index): index == 0 || index == 16
        case let .rgb(red, green, blue): red == 0 && green == 0 && blue == 0
        default: false
        }
    }

    /// The six levels of the xterm colour cube.
    private static let cubeLevels: [Int] = [0, 95, 135, 175, 215, 255]

    /// The approximate RGB value of palette entry `index` (0–255) in xterm's default palette.
    public static func rgb(ofPaletteIndex index: Int) -> (red: UInt8, green: UInt8, blue: UInt8) {
        let basic: [(UInt8, UInt8, UInt8)] = [
            (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205),
            (229, 229, 229), (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255),
            (255, 0, 255), (0, 255, 255), (255, 255, 255),
        ]
        switch index {
        case ..<0: return basic[0]
        case 0..<16: return basic[index]
        case 16..<232:
            let cube = index - 16
            return (UInt8(cubeLevels[cube / 36]), UInt8(cubeLevels[(cube / 6) % 6]), UInt8(cubeLevels[cube % 6]))
        default:
            let grey = UInt8(8 + 10 * (min(index, 255) - 232))
            return (grey, grey, grey)
        }
    }

    /// The nearest entry of the 256-colour palette's cube (16–231) or grey ramp (232–255), by
    /// squared RGB distance. The 16 basic colours are not candidates: terminals redefine them.
    public static func nearestPaletteIndex(red: UInt8, green: UInt8, blue: UInt8) -> Int {
        let target = (Int(red), Int(green), Int(blue))
        func nearestLevel(_ value: Int) -> Int {
            var best = 0
            for (i, level) in cubeLevels.enumerated() where abs(level - value) < abs(cubeLevels[best] - value) {
                best = i
            }
            return best
        }
        let (r, g, b) = (nearestLevel(target.0), nearestLevel(target.1), nearestLevel(target.2))
        let cubeIndex = 16 + 36 * r + 6 * g + b
        let average = (target.0 + target.1 + target.2) / 3
        let greyStep = min(23, max(0, (average - 3) / 10))
        let greyIndex = 232 + greyStep
        return distance(target, rgb(ofPaletteIndex: greyIndex)) < distance(target, rgb(ofPaletteIndex: cubeIndex))
            ? greyIndex : cubeIndex
    }

    /// The basic colour (0–7) nearest to palette entry `index`: 0–7 stay, bright 8–15 become
    /// their basic colour, the cube and greys go through ``nearestBasicColor(red:green:blue:)``.
    public static func nearestBasicColor(paletteIndex index: Int) -> Int {
        switch index {
        case 0..<8: return index
        case 8..<16: return index - 8
        default:
            let (red, green, blue) = rgb(ofPaletteIndex: index)
            return nearestBasicColor(red: red, green: green, blue: blue)
        }
    }

    /// The basic colour (0–7) nearest to an RGB value, keeping its hue: a colourful value lights
    /// each channel that is at least half of its strongest channel (dark red stays red, orange
    /// becomes yellow); a greyish one becomes black or white by brightness.
    public static func nearestBasicColor(red: UInt8, green: UInt8, blue: UInt8) -> Int {
        let channels = [Int(red), Int(green), Int(blue)]
        let strongest = channels.max() ?? 0
        let weakest = channels.min() ?? 0
        if strongest - weakest < 64 {
            let brightness = (299 * channels[0] + 587 * channels[1] + 114 * channels[2]) / 1000
            return brightness < 128 ? 0 : 7
        }
        var color = 0
        for (bit, value) in channels.enumerated() where value * 2 >= strongest { color |= 1 << bit }
        return color
    }

    private static func distance(_ a: (Int, Int, Int), _ b: (red: UInt8, green: UInt8, blue: UInt8)) -> Int {
        let dr = a.0 - Int(b.red), dg = a.1 - Int(b.green), db = a.2 - Int(b.blue)
        return dr * dr + dg * dg + db * db
    }
}
