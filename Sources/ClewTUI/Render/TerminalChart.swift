import ClewDomain
import Foundation

/// How charts are drawn in cells (issue 13): block elements with eighth-cell bars and a
/// ▁…█ sparkline; braille for a trend with twice the points per cell; or plain ASCII (`#`, `=`)
/// where the terminal is not UTF-8 or `NO_COLOR` asks for plain output.
///
/// Block and box characters are East Asian *Ambiguous*: a CJK terminal may draw them two cells
/// wide. Views therefore put a chart last on its row, after every label and number, so no
/// label's position depends on how wide the chart came out.
public enum ChartTier: String, Sendable, CaseIterable {
    case blocks, braille, ascii

    /// What the user asked for: `auto` (blocks, or ASCII where needed) or one tier.
    public enum Preference: String, Sendable, CaseIterable {
        case auto, blocks, braille, ascii
    }

    /// The tier for `preference` on a terminal: ASCII whenever the codeset is not UTF-8; under
    /// `auto` also with `NO_COLOR`; braille only when asked for.
    public static func choose(_ preference: Preference, utf8: Bool, noColor: Bool) -> ChartTier {
        guard utf8 else { return .ascii }
        switch preference {
        case .auto: return noColor ? .ascii : .blocks
        case .blocks: return .blocks
        case .braille: return .braille
        case .ascii: return .ascii
        }
    }

    /// The preference named by `CLEW_CHARTS` (or `auto`).
    public static func preference(option: String?, environment: [String: String]) -> Preference? {
        let name = option ?? environment["CLEW_CHARTS"]
        guard let name, !name.isEmpty else { return .auto }
        return Preference(rawValue: name.lowercased())
    }

    // MARK: - Bars

    private static let eighths: [Character] = ["▏", "▎", "▍", "▌", "▋", "▊", "▉"]

    /// A horizontal bar for `value` out of `maximum` in at most `width` cells. A value above
    /// zero always shows at least a sliver.
    public func bar(_ value: Double, of maximum: Double, width: Int) -> String {
        bar(value, of: maximum, glyphs: width / (self == .ascii ? 1 : Self.blockWidth))
    }

    /// The cells one block element (`█ ▌ ▁`) takes: 1, or 2 where East Asian Ambiguous
    /// characters are wide (``AmbiguousWidth/cells``). ASCII and braille always take 1.
    static var blockWidth: Int { DisplayWidth.of("█" as Character) }

    private func bar(_ value: Double, of maximum: Double, glyphs width: Int) -> String {
        guard width > 0, maximum > 0, value > 0, value.isFinite, maximum.isFinite else { return "" }
        let cells = min(1, value / maximum) * Double(width)
        var full = Int(cells)
        let rest = cells - Double(full)
        switch self {
        case .ascii:
            var text = String(repeating: "#", count: full)
            if rest >= 0.5 || full == 0 { text.append("=") }
            return String(text.prefix(width))
        case .blocks, .braille:
            var eighth = Int((rest * 8).rounded())
            if eighth == 8 { full += 1; eighth = 0 }
            var text = String(repeating: "█", count: min(full, width))
            if full < width, eighth > 0 { text.append(Self.eighths[eighth - 1]) }
            if text.isEmpty { text = "▏" }
            return text
        }
    }

    // MARK: - Sparklines

    private static let levels: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
    private static let asciiLevels: [Character] = ["_", ".", ":", "-", "=", "+", "*", "#"]

    /// How many values one cell shows.
    public var valuesPerCell: Int { self == .braille ? 2 : 1 }

    /// A one-row sparkline of `values` in at most `width` cells; neighbouring values are added
    /// together when there are more than fit. Zero sits on the baseline; any value above zero
    /// rises above it.
    public func sparkline(_ values: [Double], width: Int) -> String {
        let glyph = self == .blocks ? Self.blockWidth : 1
        guard width >= glyph, !values.isEmpty else { return "" }
        let points = Self.fit(values, into: width / glyph * valuesPerCell)
        let maximum = points.max() ?? 0
        switch self {
        case .blocks, .ascii:
            let table = self == .ascii ? Self.asciiLevels : Self.levels
            return String(points.map { table[Self.level($0, of: maximum, steps: table.count)] })
        case .braille:
            var text = ""
            var index = 0
            while index < points.count {
                let left = Self.level(points[index], of: maximum, steps: 4)
                let right = index + 1 < points.count ? Self.level(points[index + 1], of: maximum, steps: 4) : nil
                text.append(Self.braille(left: left, right: right))
                index += 2
            }
            return text
        }
    }

    /// 0 for zero, else 1…steps−1 in proportion to `maximum`.
    static func level(_ value: Double, of maximum: Double, steps: Int) -> Int {
        guard value > 0, maximum > 0 else { return 0 }
        return min(steps - 1, 1 + Int((value / maximum) * Double(steps - 1) - 1e-9))
    }

    /// `values` summed in consecutive groups so that at most `count` remain.
    static func fit(_ values: [Double], into count: Int) -> [Double] {
        guard count > 0, values.count > count else { return values }
        let group = (values.count + count - 1) / count
        return stride(from: 0, to: values.count, by: group).map { start in
            values[start..<min(values.count, start + group)].reduce(0, +)
        }
    }

    /// A braille cell with a column of dots filled from the bottom on each side: level 0 is the
    /// bottom dot alone (the baseline), 1…3 one to three more.
    static func braille(left: Int, right: Int?) -> Character {
        // Dots bottom to top: left 7, 3, 2, 1; right 8, 6, 5, 4.
        let leftBits: [UInt32] = [0x40, 0x04, 0x02, 0x01]
        let rightBits: [UInt32] = [0x80, 0x20, 0x10, 0x08]
        var bits: UInt32 = 0
        for dot in 0...min(3, max(0, left)) { bits |= leftBits[dot] }
        if let right { for dot in 0...min(3, max(0, right)) { bits |= rightBits[dot] } }
        return Character(Unicode.Scalar(0x2800 + bits) ?? " ")
    }
}
