/// "Did you mean …?" for stage names, users, commands and keymap actions.
public enum Suggestion {
    /// The candidate closest to `input` by edit distance, if it is close enough to be a plausible
    /// typo (at most a third of the input's length, and at least 1 edit allowed).
    ///
    /// ```swift
    /// Suggestion.closest(to: "proposl", in: ["discovery", "proposal"]) // "proposal"
    /// ```
    public static func closest(to input: String, in candidates: some Sequence<String>) -> String? {
        let needle = Array(input.lowercased())
        var best: (candidate: String, distance: Int)?
        for candidate in candidates {
            let distance = editDistance(needle, Array(candidate.lowercased()))
            if distance < (best?.distance ?? Int.max) { best = (candidate, distance) }
        }
        guard let best, best.distance <= max(1, needle.count / 3) else { return nil }
        return best.candidate
    }

    /// `" (did you mean 'x'?)"` or an empty string.
    public static func hint(for input: String, in candidates: some Sequence<String>) -> String {
        closest(to: input, in: candidates).map { "; did you mean '\($0)'?" } ?? ""
    }

    /// Edit distance counting an adjacent transposition ("alcie" → "alice") as one edit
    /// (optimal string alignment).
    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var d = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
                }
            }
        }
        return d[a.count][b.count]
    }
}
