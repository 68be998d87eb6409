/// 意向等级: a lead's intent grade, set by a supervisor at screening (DESIGN §5).
public enum Grade: String, CaseIterable, Codable, Sendable, Comparable, CustomStringConvertible {
    /// High intent: plans to sign soon with a clear budget.
    case a = "A"
    /// Medium intent.
    case b = "B"
    /// Low intent.
    case c = "C"

    public var description: String { rawValue }

    /// Parses `A`, `b`, `Ａ` (full width) and so on.
    public init?(parsing text: String) {
        let value = TextNormalization.halfWidth(text).trimmingCharacters(in: .whitespaces).uppercased()
        self.init(rawValue: value)
    }

    /// The grade a score suggests with the default thresholds (A ≥ 70, B ≥ 40, else C).
    public static func suggested(forScore score: Int, aAtLeast: Int = 70, bAtLeast: Int = 40) -> Grade {
        score >= aAtLeast ? .a : score >= bAtLeast ? .b : .c
    }

    public static func < (lhs: Grade, rhs: Grade) -> Bool { lhs.rawValue < rhs.rawValue }
}
