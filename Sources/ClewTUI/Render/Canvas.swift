import ClewDomain

/// Drawing helpers over a ``Screen``: text clipped and padded to a width (CJK-aware), styled by
/// theme element names, and boxes. Views paint through a canvas; they never compute cells by hand.
public struct Canvas {
    public let screen: any Screen
    /// Resolves a theme element (`card-focus`, `sla.overdue`) to attributes.
    public let style: (String) -> TextAttributes

    public init(screen: any Screen, style: @escaping (String) -> TextAttributes) {
        self.screen = screen
        self.style = style
    }

    /// Draws `text` at (row, column), cut with `…` to `width` cells; when `pad` is true the rest
    /// of the width is filled with spaces in the same style.
    public func text(_ text: String, row: Int, column: Int, width: Int, element: String = "default", pad: Bool = false) {
        guard width > 0 else { return }
        let safe = TextNormalization.terminalSafe(text)
        let shown = pad ? DisplayWidth.pad(safe, to: width) : DisplayWidth.truncate(safe, to: width)
        screen.draw(shown, row: row, column: column, attributes: style(element))
    }

    /// Draws segments one after another on one line, each in its own style, within `width`.
    public func line(_ segments: [(String, String)], row: Int, column: Int, width: Int, fill element: String? = nil) {
        var used = 0
        for (text, element) in segments {
            let remaining = width - used
            guard remaining > 0 else { break }
            let safe = TextNormalization.terminalSafe(text)
            let shown = DisplayWidth.truncate(safe, to: remaining)
            screen.draw(shown, row: row, column: column + used, attributes: style(element))
            used += DisplayWidth.of(shown)
            if shown != safe { break } // cut: one … ends the line
        }
        if let element, used < width {
            screen.fill(row: row, column: column + used, width: width - used, height: 1, attributes: style(element))
        }
    }

    /// Fills a rectangle with spaces in `element`'s style.
    public func fill(_ rect: Rect, element: String = "default") {
        screen.fill(row: rect.row, column: rect.column, width: rect.width, height: rect.height, attributes: style(element))
    }

    /// The cells one box-drawing character takes: 1, or 2 where East Asian Ambiguous characters
    /// are wide (``AmbiguousWidth/cells``).
    public static var lineWidth: Int { DisplayWidth.of("│" as Character) }

    /// A single-line box around `rect` with an optional title in the top border. Its sides take
    /// ``lineWidth`` cells each, so content belongs inside `rect.column + 2 ..< rect.right - 2`.
    public func box(_ rect: Rect, title: String? = nil, element: String = "border") {
        let line = Self.lineWidth
        guard rect.width >= 2 * line, rect.height >= 2 else { return }
        let attributes = style(element)
        let inside = rect.width - 2 * line
        let horizontal = String(repeating: "─", count: inside / line) + String(repeating: " ", count: inside % line)
        screen.draw("┌" + horizontal + "┐", row: rect.row, column: rect.column, attributes: attributes)
        for r in (rect.row + 1)..<(rect.bottom - 1) {
            screen.draw("│", row: r, column: rect.column, attributes: attributes)
            screen.draw("│", row: r, column: rect.right - line, attributes: attributes)
        }
        screen.draw("└" + horizontal + "┘", row: rect.bottom - 1, column: rect.column, attributes: attributes)
        if let title, rect.width > 6 {
            text(" \(title) ", row: rect.row, column: rect.column + 2, width: rect.width - 4, element: element)
        }
    }
}
