/// What kind of company a customer is (企业性质, seed 004: 国企/民企/外企等): a closed set, stored
/// by its key, shown by its Chinese or English name.
///
/// ```swift
/// CompanyType(parsing: "国企")          // .stateOwned
/// CompanyType(parsing: "State-owned")   // .stateOwned
/// CompanyType(parsing: "中外合资")      // .jointVenture
/// CompanyType.stateOwned.chineseName    // "国企"
/// ```
public enum CompanyType: String, CaseIterable, Codable, Hashable, Sendable, CustomStringConvertible {
    /// 国企 (state-owned, including 央企).
    case stateOwned = "state-owned"
    /// 民企 (private).
    case privateOwned = "private"
    /// 外企 (foreign-owned).
    case foreign
    /// 合资 (joint venture).
    case jointVenture = "joint-venture"
    /// 事业单位 (public institution: hospitals, schools, research institutes).
    case institution
    /// 其他.
    case other

    public var description: String { rawValue }

    /// 国企, 民企, 外企, 合资, 事业单位, 其他 — the spelling a lead's details keep.
    public var chineseName: String {
        switch self {
        case .stateOwned: "国企"
        case .privateOwned: "民企"
        case .foreign: "外企"
        case .jointVenture: "合资"
        case .institution: "事业单位"
        case .other: "其他"
        }
    }

    /// State-owned, Private, Foreign, Joint venture, Public institution, Other.
    public var englishName: String {
        switch self {
        case .stateOwned: "State-owned"
        case .privateOwned: "Private"
        case .foreign: "Foreign"
        case .jointVenture: "Joint venture"
        case .institution: "Public institution"
        case .other: "Other"
        }
    }

    /// The names each type is recognised by (compared after folding case, width, spaces, `-`, `_`).
    static let spellings: [(CompanyType, [String])] = [
        (.stateOwned, ["国企", "国有企业", "国有", "央企", "中央企业", "地方国企", "国有控股", "state-owned", "state owned", "soe", "state"]),
        (.privateOwned, ["民企", "民营", "民营企业", "私企", "私营", "私营企业", "private", "privately owned", "private company"]),
        (.foreign, ["外企", "外资", "外资企业", "外商独资", "外商独资企业", "foreign", "foreign-owned", "foreign owned", "foreign company", "wfoe", "mnc"]),
        (.jointVenture, ["合资", "合资企业", "中外合资", "中外合资企业", "joint venture", "joint-venture", "jv"]),
        (.institution, ["事业单位", "事业", "public institution", "institution", "public sector"]),
        (.other, ["其他", "其它", "other", "others"]),
    ]

    private static let byKey: [String: CompanyType] = {
        var map: [String: CompanyType] = [:]
        for (type, names) in spellings {
            map[fold(type.rawValue)] = type
            for name in names { map[fold(name)] = type }
        }
        return map
    }()

    /// Parses a Chinese or English name (国企, 央企, SOE, state-owned, 中外合资, JV, …); nil
    /// for anything else.
    public init?(parsing text: String) {
        guard let type = Self.byKey[Self.fold(text)] else { return nil }
        self = type
    }

    /// The name in `english` or Chinese.
    public func name(english: Bool) -> String { english ? englishName : chineseName }

    /// The types `text` might mean, for "did you mean".
    static func suggestions(for text: String) -> [String] {
        let names = allCases.map(\.chineseName) + allCases.map(\.englishName)
        return PickList.suggestions(for: text, in: names)
    }

    private static func fold(_ text: String) -> String {
        String(TextNormalization.halfWidth(TextNormalization.trimmed(text)).lowercased().filter { !($0.isWhitespace || "-_.".contains($0)) })
    }
}
