/// An amount of money in yuan, held exactly as fen (1/100 yuan).
///
/// Parses what people type: `380000`, `380,000.50`, `¥380000`, `38万`, `1.2亿`, `３８万`.
public struct Money: Hashable, Codable, Sendable, Comparable, CustomStringConvertible {
    /// The amount in fen.
    public var fen: Int64

    public init(fen: Int64) { self.fen = fen }

    /// The largest amount Clew accepts for one deal, payment or target: ¥10,000,000,000
    /// (100 亿元). Every amount stored is within ±limit, so sums of up to ~900 million of them
    /// fit in `Int64`; report sums saturate beyond that (``adding(_:)``, ``init(totalFen:)``).
    public static let limit = Money(fen: 1_000_000_000_000)

    /// Whether the amount is within ±``limit``.
    public var isWithinLimit: Bool { fen.magnitude <= Self.limit.fen.magnitude }

    /// A whole number of yuan.
    public init(yuan: Int64) { fen = yuan * 100 }

    /// Parses a typed amount; nil when it is not a non-negative amount.
    public init?(parsing text: String) {
        var s = TextNormalization.halfWidth(text).trimmingCharacters(in: .whitespaces)
        for symbol in ["¥", "￥", "元", "RMB", "CNY", ","] { s = s.replacingOccurrences(of: symbol, with: "") }
        var multiplier: Int64 = 1
        if s.hasSuffix("万") { multiplier = 10_000; s.removeLast() }
        else if s.hasSuffix("亿") { multiplier = 100_000_000; s.removeLast() }
        s = s.trimmingCharacters(in: .whitespaces)
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let whole = Int64(parts[0]), whole >= 0,
              parts[0].allSatisfy(\.isASCII) else { return nil }
        var fraction: Int64 = 0
        var fractionDigits = 0
        if parts.count == 2 {
            let digits = parts[1]
            guard !digits.isEmpty, digits.count <= 8, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
                  let value = Int64(digits) else { return nil }
            fraction = value
            fractionDigits = digits.count
        }
        // total fen = (whole + fraction / 10^d) * multiplier * 100
        var scale: Int64 = 1
        for _ in 0..<fractionDigits { scale *= 10 }
        let (wholeFen, o1) = whole.multipliedReportingOverflow(by: multiplier * 100)
        guard !o1 else { return nil }
        fen = wholeFen + fraction * multiplier * 100 / scale
    }

    /// `¥380,000` or `¥1,234.50`.
    public var description: String {
        if fen != Int64.min && fen < 0 { return "-" + Money(fen: 0 - fen).description }
        let yuan = fen / 100
        let cents = fen % 100
        var digits = String(yuan)
        var grouped = ""
        while digits.count > 3 {
            grouped = "," + digits.suffix(3) + grouped
            digits.removeLast(3)
        }
        let body = digits + grouped
        return cents == 0 ? "¥\(body)" : "¥\(body).\(cents < 10 ? "0" : "")\(cents)"
    }

    /// Compact form for narrow cells: `¥38万`, `¥1.2亿`, `¥9,800`.
    public var compact: String {
        let yuan = Double(fen) / 100
        if yuan >= 100_000_000 { return "¥\(Self.trim(yuan / 100_000_000))亿" }
        if yuan >= 10_000 { return "¥\(Self.trim(yuan / 10_000))万" }
        return Money(fen: fen - fen % 100).description
    }

    /// The amount in yuan as a decimal number, for JSON.
    public var yuan: Double { Double(fen) / 100 }

    private static func trim(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int64(rounded)) : String(rounded)
    }

    public static func < (lhs: Money, rhs: Money) -> Bool { lhs.fen < rhs.fen }
    /// The sum, saturating at the bounds of `Int64` instead of trapping (see ``adding(_:)``).
    public static func + (lhs: Money, rhs: Money) -> Money { lhs.adding(rhs) }
    public static let zero = Money(fen: 0)
}
