import Foundation

/// A tag on a lead (标签) and where it came from: put on by a person (with who and when), or
/// found by the automation's keyword rules.
public struct LeadTag: Hashable, Sendable, Codable {
    /// The tag as shown and filtered (`价格异议`, `vip`).
    public var name: String
    /// Who put it on by hand; nil for a tag the automation found.
    public var addedBy: String?
    public var addedAt: Date?

    public init(name: String, addedBy: String? = nil, addedAt: Date? = nil) {
        self.name = name
        self.addedBy = addedBy
        self.addedAt = addedAt
    }

    /// The longest tag, in characters.
    public static let maximumLength = 32

    /// `text` as a tag: trimmed, at most ``maximumLength`` characters, with no comma (tags are
    /// stored comma-separated) and no control or invisible characters.
    ///
    /// - Throws: ``TagError``.
    public static func name(_ text: String) throws(TagError) -> String {
        let name = TextNormalization.trimmed(text)
        guard !name.isEmpty else { throw .empty }
        guard name.count <= maximumLength else { throw .tooLong(name, limit: maximumLength) }
        if let bad = name.unicodeScalars.first(where: { $0 == "," || $0 == "，" || $0.properties.generalCategory == .control
            || $0.properties.generalCategory == .format }) {
            throw .forbiddenCharacter(name, bad.escaped(asASCII: true))
        }
        return name
    }
}

/// Why a tag was refused.
public enum TagError: BilingualError, Equatable {
    case empty
    case tooLong(String, limit: Int)
    /// The tag holds a comma or a control character (shown escaped).
    case forbiddenCharacter(String, String)
    /// Removing a tag the lead does not carry.
    case notOnLead(tag: String, number: String)

    public var english: String {
        switch self {
        case .empty: "a tag cannot be empty"
        case let .tooLong(tag, limit): "tag '\(tag.prefix(limit))…' is longer than \(limit) characters"
        case let .forbiddenCharacter(tag, character): "tag '\(TextNormalization.terminalSafe(tag))' contains \(character); tags cannot contain commas or control characters"
        case let .notOnLead(tag, number): "\(number) has no tag '\(tag)'"
        }
    }

    public var chinese: String {
        switch self {
        case .empty: "标签不能为空"
        case let .tooLong(tag, limit): "标签「\(tag.prefix(limit))…」超过 \(limit) 个字符"
        case let .forbiddenCharacter(tag, character): "标签「\(TextNormalization.terminalSafe(tag))」含有 \(character)；标签不能包含逗号或控制字符"
        case let .notOnLead(tag, number): "\(number) 没有标签「\(tag)」"
        }
    }
}
