import ClewDomain
import ClewServices

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
        /// When the lead was captured (获取时间, seed 004), read as `clew lead add --captured-at` reads it.
        case capturedAt
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
            if Self.isCapturedAt(header) { return .capturedAt }
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
            case _ where Self.isCapturedAt(wanted): columns[index] = .capturedAt
            default:
                guard let field = LeadField(rawValue: wanted.lowercased()) ?? LeadField.allCases.first(where: { $0.chineseName == wanted })
                    ?? Self.field(forHeader: wanted) else {
                    throw .badMapping("--map: unknown field '\(target)'; use one of \(LeadField.allCases.map(\.rawValue).joined(separator: ", ")), captured-at, custom or ignore"
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
        headers.filter { field(forHeader: $0) != nil || isCapturedAt($0) }.count
    }

    /// The index of the capture-time column, when the file has one.
    public var capturedAtColumn: Int? { columns.firstIndex(of: .capturedAt) }

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

    /// The headers recognised for each field (``ClewDomain/LeadFieldHeader/aliases``), as
    /// documented in the README and printed by `clew import --template`.
    public static var aliases: [(LeadField, [String])] { LeadFieldHeader.aliases }

    /// The headers recognised for the capture time (获取时间, seed 004), compared after ``key(_:)``;
    /// `capturedAt` is the column `clew export` writes.
    public static let capturedAtAliases = ["获取时间", "获取日期", "采集时间", "采集日期", "获客时间", "线索获取时间",
                                           "captured at", "captured", "capture time", "capture date", "acquired at"]

    private static let capturedAtKeys = Set(capturedAtAliases.map(key))

    /// Whether `header` names the capture time, as a whole or by a part (`获取时间(capturedAt)`).
    static func isCapturedAt(_ header: String) -> Bool {
        if capturedAtKeys.contains(key(header)) { return true }
        return header.split(whereSeparator: { "()（）/|".contains($0) }).contains { capturedAtKeys.contains(key(String($0))) }
    }

    /// Columns of `clew export` and of a rejects file that Clew sets itself.
    private static let clewColumns: Set<String> = Set([
        "number", "线索编号", "编号", "status", "状态", "stage", "阶段", "销售阶段", "grade", "意向等级", "等级", "suggestedgrade",
        "score", "评分", "owner", "负责人", "pool", "线索池", "amount", "金额", "lostreason", "mergedinto", "version",
        "createdby", "createdat", "创建时间", "updatedby", "updatedat", "statuschangedat", "stageenteredat",
        "lastfollowupat", "flags", "tags", "标签", "row", "行号", "reason", "原因",
    ].map(key))

    /// The field a header names (``ClewDomain/LeadFieldHeader/field(named:)``).
    static func field(forHeader header: String) -> LeadField? { LeadFieldHeader.field(named: header) }

    static func isClewColumn(_ header: String) -> Bool { clewColumns.contains(key(header)) }

    /// A header folded for matching (``ClewDomain/LeadFieldHeader/key(_:)``).
    static func key(_ header: String) -> String { LeadFieldHeader.key(header) }
}
