/// 已终止原因: why a lead was lost. Required to lose a lead.
public enum LostReason: Hashable, Codable, Sendable, CustomStringConvertible {
    /// 客户放弃
    case customerGaveUp
    /// 预算不足
    case insufficientBudget
    /// 选择竞品
    case choseCompetitor
    /// 无法联系
    case unreachable
    /// 需求不匹配
    case noFit
    /// 无效线索 (fake or wrong data)
    case invalid
    /// Anything else, in the user's words.
    case other(String)

    /// The reasons offered in lists and forms, in order.
    public static let standard: [LostReason] = [
        .customerGaveUp, .insufficientBudget, .choseCompetitor, .unreachable, .noFit, .invalid,
    ]

    /// The stable key stored in the database and printed in JSON.
    public var key: String {
        switch self {
        case .customerGaveUp: "customer-gave-up"
        case .insufficientBudget: "no-budget"
        case .choseCompetitor: "competitor"
        case .unreachable: "unreachable"
        case .noFit: "no-fit"
        case .invalid: "invalid"
        case let .other(text): text
        }
    }

    /// The Chinese label.
    public var chineseName: String {
        switch self {
        case .customerGaveUp: "客户放弃"
        case .insufficientBudget: "预算不足"
        case .choseCompetitor: "选择竞品"
        case .unreachable: "无法联系"
        case .noFit: "需求不匹配"
        case .invalid: "无效线索"
        case let .other(text): text
        }
    }

    public var description: String { chineseName }

    /// Parses a key (`competitor`) or a Chinese label (`选择竞品`); any other non-empty text
    /// becomes ``other(_:)``. Returns nil for blank text.
    public init?(parsing text: String) {
        let trimmed = TextNormalization.trimmed(text)
        guard !trimmed.isEmpty else { return nil }
        let lowered = trimmed.lowercased()
        self = Self.standard.first { $0.key == lowered || $0.chineseName == trimmed } ?? .other(trimmed)
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        self = LostReason(parsing: text) ?? .other(text)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(key)
    }
}
