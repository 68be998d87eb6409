/// The language a contact reads (`zh` or `en`): it picks which text of a message template they
/// get. A lead without one uses the process file's `default_language`.
public enum ContactLanguage: String, Hashable, Codable, Sendable, CaseIterable {
    case zh
    case en

    /// Parses `zh`, `en`, `中文`, `英文`, `chinese`, `english` (any case).
    public init?(parsing text: String) {
        switch text.trimmingCharacters(in: .whitespaces).lowercased() {
        case "zh", "zh-cn", "cn", "中文", "chinese": self = .zh
        case "en", "english", "英文": self = .en
        default: return nil
        }
    }
}
