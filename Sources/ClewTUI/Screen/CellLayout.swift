import ClewDomain

/// Lays text out into cells for one screen row: the clipping rules shared by every ``Screen``.
///
/// Text is made terminal-safe, zero-width characters are dropped, and a wide character that would
/// straddle the left or right edge becomes a single space, so a wide character is never split.
enum CellLayout {
    /// One character placed in a row.
    struct Placement: Equatable {
        /// The first cell the character takes.
        var column: Int
        /// The character (a space where a wide character was clipped).
        var character: Character
        /// The cells it takes: 1 or 2.
        var width: Int
    }

    /// Places `text` starting at `column` in a row that is `columns` cells wide.
    static func place(_ text: String, column: Int, columns: Int) -> [Placement] {
        guard columns > 0, column < columns else { return [] }
        var placements: [Placement] = []
        var cursor = column
        for character in TextNormalization.terminalSafe(text) {
            guard cursor < columns else { break }
            let width = min(DisplayWidth.of(character), 2)
            if width == 0 { continue }
            defer { cursor += width }
            if cursor + width <= 0 { continue }
            if cursor < 0 {
                // A wide character straddling the left edge: its visible half becomes a space.
                placements.append(Placement(column: 0, character: " ", width: 1))
                continue
            }
            if cursor + width > columns {
                // A wide character straddling the right edge: the last cell becomes a space.
                placements.append(Placement(column: cursor, character: " ", width: 1))
                break
            }
            placements.append(Placement(column: cursor, character: character, width: width))
        }
        return placements
    }

    /// The columns of `start..<start+width` that lie within `0..<columns` (empty when none do).
    static func clippedSpan(start: Int, width: Int, columns: Int) -> Range<Int> {
        let lower = max(0, start)
        let upper = min(columns, start + max(0, width))
        return lower < upper ? lower..<upper : 0..<0
    }
}
