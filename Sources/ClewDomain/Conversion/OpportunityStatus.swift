/// Where an opportunity (商机) stands: open from the conversion until the lead is won or lost.
public enum OpportunityStatus: String, CaseIterable, Codable, Sendable {
    /// Converted once the rep confirmed intent (转换线索); the deal is still being worked.
    case open
    /// The lead was won: the opportunity carries the won amount and date.
    case won
    /// The lead was lost while the opportunity was open.
    case lost

    /// The name shown in Chinese.
    public var chineseName: String {
        switch self {
        case .open: "进行中"
        case .won: "已成交"
        case .lost: "已丢单"
        }
    }
}
