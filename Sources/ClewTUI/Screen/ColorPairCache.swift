/// Hands out ncurses colour-pair numbers for (foreground, background) combinations lazily, up to
/// `COLOR_PAIRS - 1`. Pair 0 is the terminal's default pair and is never allocated.
struct ColorPairCache {
    /// One colour combination; -1 stands for the terminal default.
    struct Colors: Hashable {
        var foreground: Int
        var background: Int
    }

    /// `COLOR_PAIRS`: pair numbers are `1..<limit`.
    let limit: Int
    private var pairs: [Colors: Int] = [:]
    private var next = 1

    init(limit: Int) { self.limit = limit }

    /// The pair for `colors` and whether it was just allocated (the caller must then initialise
    /// it); `nil` when every pair is taken (draw with pair 0, attributes still apply).
    /// Default-on-default is always pair 0.
    mutating func pair(for colors: Colors) -> (number: Int, isNew: Bool)? {
        if colors.foreground == -1 && colors.background == -1 { return (0, false) }
        if let number = pairs[colors] { return (number, false) }
        guard next < limit else { return nil }
        let number = next
        next += 1
        pairs[colors] = number
        return (number, true)
    }

    /// How many pairs were allocated.
    var allocated: Int { pairs.count }
}
