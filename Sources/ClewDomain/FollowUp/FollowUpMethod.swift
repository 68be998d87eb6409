/// How a follow-up happened (跟进方式).
public enum FollowUpMethod: String, CaseIterable, Codable, Sendable, CustomStringConvertible {
    case phone, visit, email, wechat, other

    public var description: String { rawValue }

    /// The Chinese name.
    public var chineseName: String {
        switch self {
        case .phone: "电话"
        case .visit: "拜访"
        case .email: "邮件"
        case .wechat: "微信"
        case .other: "其他"
        }
    }

    /// Parses `phone`, `电话`, `WeChat`, `微信`, ….
    public init?(parsing text: String) {
        let key = text.trimmingCharacters(in: .whitespaces).lowercased()
        guard let match = Self.allCases.first(where: { $0.rawValue == key || $0.chineseName == key }) else {
            return nil
        }
        self = match
    }
}
