/// The company fields of a lead (seed 004 企业信息: 企业规模(员工人数/年营收)、成立时间、企业类型;
/// 决策链情况), read from what people type and kept in one spelling each:
///
/// | field | typed | kept |
/// |---|---|---|
/// | employees 员工人数 | `500`, `500人`, `1,200`, `1.2万人` | `500` |
/// | revenue 年营收 | `3000万`, `1.2亿`, `¥80,000,000` | `¥30,000,000` |
/// | company-type 企业性质 | `国企`, `央企`, `SOE`, `Joint venture` | `国企` (``CompanyType/chineseName``) |
/// | founded 成立年份 | `2008`, `2008年`, `2008-05-12` | `2008` |
/// | decision-chain 决策链 | `采购经理 -> 技术总监 > 总经理` | `采购经理→技术总监→总经理` |
///
/// ```swift
/// try CompanyFacts.employees("1.2万人")    // 12000
/// try CompanyFacts.revenue("1.2亿")        // ¥120,000,000
/// try CompanyFacts.founded("2030", latest: 2026)  // throws: not after 2026
/// ```
public enum CompanyFacts {
    /// The largest headcount accepted: 10,000,000 (the largest employers are near 2–3 million).
    public static let maximumEmployees = 10_000_000
    /// The largest annual revenue accepted: 100万亿元. Above ``Money/limit`` (a deal's limit),
    /// since the largest customers' revenue exceeds 100亿; a revenue is never summed.
    public static let revenueLimit = Money(yuan: 100_000_000_000_000)
    /// The earliest founding year accepted.
    public static let earliestFounded = 1800
    /// The latest founding year accepted when no current year is known.
    public static let latestFoundedDefault = 2100

    /// The headcount `text` gives: a whole number of people, with `人`/`名` and thousands
    /// separators allowed, and `万` (`1.2万人`).
    ///
    /// - Throws: ``CompanyFieldError/employees(_:)`` for text that is not one headcount (a range such
    ///   as `100-499人` included), zero, or above ``maximumEmployees``.
    public static func employees(_ text: String) throws(CompanyFieldError) -> Int {
        var s = stripped(text, removing: ["约", "大约", "左右", "余", "多", "员工", "人", "名", ",", " ", "people", "employees", "staff"])
        var multiplier = 1.0
        if s.hasSuffix("万") { multiplier = 10_000; s.removeLast() } else if s.hasSuffix("千") { multiplier = 1_000; s.removeLast() }
        guard !s.isEmpty, s.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }), s.filter({ $0 == "." }).count <= 1,
              let number = Double(s) else { throw .employees(TextNormalization.trimmed(text)) }
        let count = number * multiplier
        guard count >= 1, count <= Double(maximumEmployees), count == count.rounded() else { throw .employees(TextNormalization.trimmed(text)) }
        return Int(count)
    }

    /// The annual revenue `text` gives, read like any amount (``Money/init(parsing:)``: `3000万`,
    /// `1.2亿`, `¥80,000,000`, and `1.5万亿`), up to ``revenueLimit``.
    ///
    /// - Throws: ``CompanyFieldError/revenue(_:)`` or ``CompanyFieldError/revenueAboveLimit(_:)``.
    public static func revenue(_ text: String) throws(CompanyFieldError) -> Money {
        let trimmed = TextNormalization.trimmed(text)
        var s = trimmed
        for word in ["年营收", "营收", "约", "左右", "/年", "每年", "per year", "a year"] { s = s.replacingOccurrences(of: word, with: "") }
        var scale: Int64 = 1
        if s.hasSuffix("万亿") { s.removeLast(2); s += "亿"; scale = 10_000 }
        guard let parsed = Money(parsing: s) else { throw .revenue(trimmed) }
        let (fen, overflow) = parsed.fen.multipliedReportingOverflow(by: scale)
        guard !overflow else { throw .revenueAboveLimit(trimmed) }
        let money = Money(fen: fen)
        guard money.fen <= revenueLimit.fen else { throw .revenueAboveLimit(trimmed) }
        return money
    }

    /// The company type `text` names (``CompanyType/init(parsing:)``).
    ///
    /// - Throws: ``CompanyFieldError/companyType(_:suggestions:)`` naming the types it might mean.
    public static func companyType(_ text: String) throws(CompanyFieldError) -> CompanyType {
        guard let type = CompanyType(parsing: text) else {
            let trimmed = TextNormalization.trimmed(text)
            throw .companyType(trimmed, suggestions: CompanyType.suggestions(for: trimmed))
        }
        return type
    }

    /// The founding year `text` gives: `2008`, `2008年`, or a date starting with the year
    /// (`2008-05-12`, `2008/5/12`, `2008年5月`), from ``earliestFounded`` to `latest`.
    ///
    /// - Throws: ``CompanyFieldError/founded(_:latest:)``.
    public static func founded(_ text: String, latest: Int = latestFoundedDefault) throws(CompanyFieldError) -> Int {
        let s = TextNormalization.halfWidth(TextNormalization.trimmed(text))
        let digits = s.prefix(while: { $0.isASCII && $0.isNumber })
        let rest = s.dropFirst(digits.count)
        let restIsDate = rest.isEmpty || rest == "年" || (rest.first.map { "-/.年".contains($0) } ?? false)
            && rest.dropFirst().allSatisfy { $0.isASCII && $0.isNumber || "-/.月日号 :".contains($0) }
        guard digits.count == 4, restIsDate, let year = Int(digits), (earliestFounded...max(earliestFounded, latest)).contains(year) else {
            throw .founded(TextNormalization.trimmed(text), latest: latest)
        }
        return year
    }

    /// The decision chain in one spelling: its steps trimmed and joined with `→` (`->`, `=>`,
    /// `>`, `＞`, `→` all separate steps); nil when no step is left.
    public static func decisionChain(_ text: String) -> String? {
        var s = text
        for arrow in ["-->", "—>", "->", "=>", "＞", ">", "➔", "⇒", "→"] { s = s.replacingOccurrences(of: arrow, with: "\u{1F}") }
        let steps = s.split(separator: "\u{1F}").map { TextNormalization.trimmed(String($0)) }.filter { !$0.isEmpty }
        return steps.isEmpty ? nil : steps.joined(separator: "→")
    }

    private static func stripped(_ text: String, removing words: [String]) -> String {
        var s = TextNormalization.halfWidth(TextNormalization.trimmed(text)).lowercased()
        for word in words { s = s.replacingOccurrences(of: word, with: "") }
        return s
    }
}
