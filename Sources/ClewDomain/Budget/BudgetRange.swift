/// A budget (预算范围) as a range of whole yuan, parsed from what people type:
/// `10-30万`, `30万-50万`, `50万以上`, `100万+`, `¥300,000`, `2亿`, `20万以内`.
///
/// Scoring compares these numbers (``FieldMatch/yuan(min:max:)``) instead of the text, so
/// `10-30万` is never taken for the `30万` rule. An undetermined budget (`待确认`, `待定`) or one
/// that cannot be read has no range.
///
/// ```swift
/// BudgetRange(parsing: "10-30万")   // 100_000 ... 300_000
/// BudgetRange(parsing: "50万以上")  // 500_000 ... (open)
/// BudgetRange.isUndetermined("待确认") // true
/// ```
public struct BudgetRange: Hashable, Codable, Sendable, CustomStringConvertible {
    /// The lower bound in yuan (0 for `20万以内`).
    public var minYuan: Int64
    /// The upper bound in yuan; nil when open-ended (`50万以上`, `100万+`).
    public var maxYuan: Int64?

    /// The largest amount a budget may name: 1万亿 (10^12) yuan; anything above is a typo.
    public static let maximumYuan: Int64 = 1_000_000_000_000

    public init(minYuan: Int64, maxYuan: Int64?) {
        self.minYuan = minYuan
        self.maxYuan = maxYuan
    }

    /// Words that state a budget is not known yet.
    public static let undeterminedWords = ["待确认", "待定", "未定", "未知", "不确定", "待评估", "待上报", "tbd", "unknown", "n/a", "?", "？"]

    /// Whether `text` says the budget is still to be confirmed (`待确认`, `待定`, `TBD`).
    public static func isUndetermined(_ text: String) -> Bool {
        let s = TextNormalization.halfWidth(text).trimmingCharacters(in: .whitespaces).lowercased()
        return undeterminedWords.contains { s == $0 || s.hasPrefix($0) }
    }

    /// Parses a typed budget; nil for an empty, undetermined or unreadable one, a range whose
    /// ends are the wrong way round, or an amount above ``maximumYuan``.
    public init?(parsing text: String) {
        // Most leads have no budget: scoring asks once per budget rule, the import twice more.
        guard !text.isEmpty else { return nil }
        var s = Self.removingNoise(TextNormalization.halfWidth(text).lowercased())
        guard !s.isEmpty, !Self.isUndetermined(s) else { return nil }
        var openEnded = false
        var upToOnly = false
        for suffix in ["及以上", "以上", "+", "起"] where s.hasSuffix(suffix) {
            s.removeLast(suffix.count)
            openEnded = true
            break
        }
        for prefix in [">=", "≥", ">", "大于", "超过", "不低于"] where s.hasPrefix(prefix) {
            s.removeFirst(prefix.count)
            openEnded = true
            break
        }
        if !openEnded {
            for suffix in ["以内", "以下", "之内"] where s.hasSuffix(suffix) {
                s.removeLast(suffix.count)
                upToOnly = true
                break
            }
            for prefix in ["<=", "≤", "<", "不超过", "小于"] where s.hasPrefix(prefix) {
                s.removeFirst(prefix.count)
                upToOnly = true
                break
            }
        }
        let separators: Set<Character> = ["-", "–", "—", "~", "～", "至", "到"]
        let sides = s.split(omittingEmptySubsequences: false, whereSeparator: { separators.contains($0) }).map(String.init)
        guard (1...2).contains(sides.count), sides.allSatisfy({ !$0.isEmpty }) else { return nil }
        guard sides.count == 1 || (!openEnded && !upToOnly) else { return nil }
        // A unit written once applies to both ends: `10-30万` is 10万 to 30万.
        let sharedUnit = Self.unit(of: sides[sides.count - 1])
        let amounts = sides.map { side in Self.yuan(Self.unit(of: side) == nil ? side + (sharedUnit ?? "") : side) }
        guard let low = amounts[0], let high = amounts.last ?? nil else { return nil }
        guard low <= high, high <= Self.maximumYuan else { return nil }
        switch (openEnded, upToOnly) {
        case (true, _): self.init(minYuan: low, maxYuan: nil)
        case (_, true): self.init(minYuan: 0, maxYuan: high)
        default: self.init(minYuan: low, maxYuan: high)
        }
    }

    /// Currency signs, spaces, thousands separators and filler words, in the order they are
    /// removed (each removal may join what a later one removes).
    private static let noise: [[UInt8]] = [" ", "\t", "¥", "￥", "rmb", "cny", "元", "人民币", ",", "，", "左右", "约", "大概", "预算"].map { Array($0.utf8) }

    /// `text` without every occurrence of each ``noise`` word, one word after the other — what
    /// `replacingOccurrences(of:with:"")` in turn does, on the UTF-8 bytes (a few times faster:
    /// scoring reads the budget for every imported row).
    private static func removingNoise(_ text: String) -> String {
        var bytes = Array(text.utf8)
        for word in noise where bytes.count >= word.count {
            guard let head = word.first, bytes.contains(head) else { continue }
            var kept: [UInt8] = []
            kept.reserveCapacity(bytes.count)
            var i = 0
            while i < bytes.count {
                if bytes[i] == head, i + word.count <= bytes.count, bytes[i..<(i + word.count)].elementsEqual(word) {
                    i += word.count
                } else {
                    kept.append(bytes[i])
                    i += 1
                }
            }
            bytes = kept
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The unit suffix of one end (`万`, `亿`, `w`, `k`), if it has one.
    private static func unit(of side: String) -> String? {
        ["万", "亿", "w", "k"].first { side.hasSuffix($0) }
    }

    /// One end in whole yuan: `30万` → 300000, `1.5亿`, `300000`, `50k`.
    private static func yuan(_ side: String) -> Int64? {
        var text = side
        if text.hasSuffix("w") { text = String(text.dropLast()) + "万" }
        var thousands = false
        if text.hasSuffix("k") { text.removeLast(); thousands = true }
        guard text.count <= 20, let money = Money(parsing: text) else { return nil }
        let (yuan, overflow) = (money.fen / 100).multipliedReportingOverflow(by: thousands ? 1_000 : 1)
        return overflow ? nil : yuan
    }

    /// Whether the budget's lower bound lies in `[min, max)` (either end open when nil): how a
    /// scoring rule places a budget in its band, so `20-40万` counts in the 10–30万 band.
    public func lowerBound(isAtLeast min: Int64?, below max: Int64?) -> Bool {
        if let min, minYuan < min { return false }
        if let max, minYuan >= max { return false }
        return true
    }

    /// `¥100,000–¥300,000`, `≥ ¥500,000`.
    public var description: String {
        let low = Money(yuan: minYuan).description
        guard let maxYuan else { return "≥ \(low)" }
        return minYuan == maxYuan ? low : "\(low)–\(Money(yuan: maxYuan).description)"
    }
}
