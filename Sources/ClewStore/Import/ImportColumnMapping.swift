import ClewDomain

/// Which lead field each column of an import file fills, from its header in Chinese or English
/// (客户名称/公司/Company, 手机/电话/联系方式/Phone/Mobile, …), in any order, plus `--map` overrides.
///
/// ```swift
/// let mapping = try ImportColumnMapping(headers: ["公司", "Mobile", "备注"], file: "a.csv")
/// mapping.columns[0]   // .field(.customer)
/// mapping.columns[2]   // .custom("备注"): kept as a custom field
/// ```
public struct ImportColumnMapping: Sendable, Equatable {
    /// What one column is used for.
    public enum Column: Sendable, Equatable {
        /// A lead field.
        case field(LeadField)
        /// A column Clew has no field for: kept on the lead as a custom field named after the header.
        case custom(String)
        /// A column Clew sets itself (lead number, status, owner, … from an export; row and
        /// reason from a rejects file) or that `--map` ignores.
        case ignored
    }

    /// The file's headers, as written.
    public let headers: [String]
    /// One entry per header.
    public let columns: [Column]

    /// Maps `headers`; `overrides` (`--map`) map a header, as written, to a field name (English
    /// key or Chinese label), `custom`, or `ignore`.
    ///
    /// - Throws: ``ImportFileError`` when nothing is recognised, when there is no customer
    ///   column or no phone/email column, or when an override is wrong.
    public init(headers: [String], overrides: [String: String] = [:], file: String) throws(ImportFileError) {
        let trimmed = headers.map { TextNormalization.trimmed($0) }
        self.headers = trimmed
        var columns = trimmed.map { header -> Column in
            if let field = Self.field(forHeader: header) { return .field(field) }
            if Self.isClewColumn(header) { return .ignored }
            return header.isEmpty ? .ignored : .custom(header)
        }
        for (name, target) in overrides {
            let key = TextNormalization.trimmed(name)
            guard let index = trimmed.firstIndex(of: key) ?? trimmed.firstIndex(where: { Self.key($0) == Self.key(key) }) else {
                throw .badMapping("--map: the file has no column '\(name)'; columns: \(trimmed.joined(separator: ", "))"
                    + Suggestion.hint(for: name, in: trimmed))
            }
            let wanted = TextNormalization.trimmed(target)
            switch wanted.lowercased() {
            case "ignore", "-", "skip": columns[index] = .ignored
            case "custom", "extra": columns[index] = .custom(trimmed[index])
            default:
                guard let field = LeadField(rawValue: wanted.lowercased()) ?? LeadField.allCases.first(where: { $0.chineseName == wanted })
                    ?? Self.field(forHeader: wanted) else {
                    throw .badMapping("--map: unknown field '\(target)'; use one of \(LeadField.allCases.map(\.rawValue).joined(separator: ", ")), custom or ignore"
                        + Suggestion.hint(for: wanted, in: LeadField.allCases.map(\.rawValue)))
                }
                columns[index] = .field(field)
            }
        }
        self.columns = columns
        let fields = Set(columns.compactMap { if case let .field(field) = $0 { field } else { nil } })
        if fields.isEmpty { throw .noRecognisableColumns(file, seen: trimmed) }
        if !fields.contains(.customer) {
            throw .missingRequiredColumn(file, what: "customer name (客户名称/公司/Company)", seen: trimmed)
        }
        if !fields.contains(.phone) && !fields.contains(.email) {
            throw .missingRequiredColumn(file, what: "phone or email (电话/手机/邮箱/Phone/Email)", seen: trimmed)
        }
    }

    /// How many of `headers` name a lead field (used to find the header row under a title).
    static func recognisedCount(_ headers: [String]) -> Int {
        headers.filter { field(forHeader: $0) != nil }.count
    }

    /// The custom (kept) column names.
    public var customColumns: [String] {
        columns.compactMap { if case let .custom(name) = $0 { name } else { nil } }
    }

    /// The ignored column names.
    public var ignoredColumns: [String] {
        zip(headers, columns).compactMap { header, column in column == .ignored && !header.isEmpty ? header : nil }
    }

    /// `header → field` for the summary.
    public var fieldColumns: [(header: String, field: LeadField)] {
        zip(headers, columns).compactMap { header, column in
            if case let .field(field) = column { (header, field) } else { nil }
        }
    }

    // MARK: - Recognised headers

    /// The headers recognised for each field (compared after ``key(_:)``), as documented in the
    /// README and printed by `clew import --template`.
    public static let aliases: [(LeadField, [String])] = [
        (.customer, ["客户名称", "客户", "客户全称", "公司", "公司名称", "企业", "企业名称", "单位", "单位名称", "客户单位",
                     "customer", "customer name", "company", "company name", "account", "account name", "organization", "organisation"]),
        (.contact, ["联系人", "联系人姓名", "姓名", "客户联系人", "contact", "contact name", "contact person", "name", "full name"]),
        (.title, ["职位", "职务", "头衔", "岗位", "title", "job title", "position", "role"]),
        (.phone, ["电话", "手机", "手机号", "手机号码", "电话号码", "联系电话", "联系方式", "座机", "固话", "移动电话",
                  "phone", "mobile", "mobile phone", "cell", "cellphone", "tel", "telephone", "phone number"]),
        (.email, ["邮箱", "电子邮箱", "邮件", "电子邮件", "邮箱地址", "email", "e-mail", "mail", "email address"]),
        (.industry, ["所属行业", "行业", "行业类型", "行业分类", "industry", "sector", "vertical"]),
        (.need, ["需求描述", "需求", "客户需求", "需求说明", "need", "needs", "requirement", "requirements", "description"]),
        (.source, ["线索来源", "来源", "渠道", "来源渠道", "获客渠道", "source", "lead source", "channel"]),
        (.campaign, ["营销活动", "活动", "市场活动", "活动名称", "campaign", "campaign name"]),
        (.region, ["地区", "区域", "大区", "所属区域", "所属地区", "region", "area", "territory"]),
        (.city, ["城市", "所在城市", "所在地", "city", "town"]),
        (.budget, ["预算范围", "预算", "预算金额", "budget", "budget range"]),
    ]

    private static let fieldByKey: [String: LeadField] = {
        var map: [String: LeadField] = [:]
        for (field, names) in aliases {
            map[key(field.rawValue)] = field
            for name in names { map[key(name)] = field }
        }
        return map
    }()

    /// Columns of `clew export` and of a rejects file that Clew sets itself.
    private static let clewColumns: Set<String> = Set([
        "number", "线索编号", "编号", "status", "状态", "stage", "阶段", "销售阶段", "grade", "意向等级", "等级", "suggestedgrade",
        "score", "评分", "owner", "负责人", "pool", "线索池", "amount", "金额", "lostreason", "mergedinto", "version",
        "createdby", "createdat", "创建时间", "updatedby", "updatedat", "statuschangedat", "stageenteredat",
        "lastfollowupat", "flags", "tags", "标签", "row", "行号", "reason", "原因",
    ].map(key))

    /// The field a header names, trying `客户名称(customer)` as a whole and by its parts.
    static func field(forHeader header: String) -> LeadField? {
        if let field = fieldByKey[key(header)] { return field }
        for part in header.split(whereSeparator: { "()（）/|".contains($0) }) {
            if let field = fieldByKey[key(String(part))] { return field }
        }
        return nil
    }

    static func isClewColumn(_ header: String) -> Bool { clewColumns.contains(key(header)) }

    /// A header folded for matching: half-width, lower-cased, without spaces, `_`, `-`, `*`,
    /// `:`/`：`, and without a trailing `(必填)`/`(选填)`.
    static func key(_ header: String) -> String {
        var text = TextNormalization.halfWidth(TextNormalization.trimmed(header)).lowercased()
        for marker in ["(必填)", "(选填)", "(required)", "(optional)", "(可选)"] where text.hasSuffix(marker) {
            text.removeLast(marker.count)
        }
        return String(text.filter { !($0.isWhitespace || "_-*:：.".contains($0)) })
    }
}
