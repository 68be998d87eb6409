/// A tag dimension (标签维度, seeds 000 and 001) the process file defines with its allowed values:
/// `[[tag.dimension]] name = "客户类型" values = ["高潜力", "长期合作", "投诉"]`.
///
/// A lead carries at most one value per dimension, stored as the tag `客户类型=高潜力`, so the tag
/// filters (`clew lead list --tag 客户类型=高潜力`, the TUI's `:filter tag:…`) find it.
public struct TagDimension: Hashable, Codable, Sendable {
    /// The dimension's name, also the import/export column header.
    public var name: String
    /// The allowed values.
    public var values: [String]

    public init(name: String, values: [String]) {
        self.name = name
        self.values = values
    }

    /// The dimension of the standard process (seed 001): 客户类型 (industry, size and intent are
    /// fields already).
    public static let standard: [TagDimension] = [
        TagDimension(name: "客户类型", values: ["高潜力", "长期合作", "投诉"]),
    ]

    /// Problems with `dimensions` as the process file's `[[tag.dimension]]` tables.
    public static func problems(in dimensions: [TagDimension]) -> [ProcessProblem] {
        var problems: [ProcessProblem] = []
        var names = Set<String>()
        for (i, dimension) in dimensions.enumerated() {
            func fail(_ key: String, _ message: String) { problems.append(ProcessProblem(section: "tag.dimension", index: i, key: key, message: message)) }
            if (try? LeadTag.name(dimension.name)) == nil || dimension.name.contains(separator) {
                fail("name", "tag dimension name '\(dimension.name)' must be 1–\(LeadTag.maximumLength) characters without '=', commas or control characters")
            } else if !names.insert(dimension.name.lowercased()).inserted {
                fail("name", "duplicate tag dimension '\(dimension.name)'")
            }
            if dimension.values.isEmpty { fail("values", "tag dimension '\(dimension.name)' needs at least one value") }
            var seen = Set<String>()
            for value in dimension.values {
                if (try? LeadTag.name(dimension.tag(value))) == nil || TextNormalization.trimmed(value).isEmpty {
                    fail("values", "value '\(value)' of '\(dimension.name)' is empty, too long (name=value at most \(LeadTag.maximumLength) characters) or holds a comma")
                } else if !seen.insert(value.lowercased()).inserted {
                    fail("values", "duplicate value '\(value)' in '\(dimension.name)'")
                }
            }
        }
        return problems
    }

    /// What joins a dimension's name to its value in a tag.
    public static let separator: Character = "="

    /// The tag that holds `value` of this dimension.
    public func tag(_ value: String) -> String { "\(name)\(Self.separator)\(value)" }

    /// `tag` read as `NAME=VALUE`, or nil for a plain tag.
    public static func split(_ tag: String) -> (name: String, value: String)? {
        guard let index = tag.firstIndex(of: separator) else { return nil }
        let name = TextNormalization.trimmed(String(tag[..<index]))
        let value = TextNormalization.trimmed(String(tag[tag.index(after: index)...]))
        guard !name.isEmpty else { return nil }
        return (name, value)
    }

    /// `tag` checked against `dimensions`: a plain tag is returned as it is; `NAME=VALUE` must
    /// name a defined dimension and one of its values, and comes back in the listed spelling.
    ///
    /// - Throws: ``PickListError`` with what the text might mean.
    public static func checked(_ tag: String, in dimensions: [TagDimension]) throws(PickListError) -> String {
        guard let (name, value) = split(tag) else { return tag }
        let names = dimensions.map(\.name)
        guard let listed = PickList.value(matching: name, in: names), let dimension = dimensions.first(where: { $0.name == listed }) else {
            throw .unknownDimension(name, suggestions: PickList.suggestions(for: name, in: names), defined: names)
        }
        guard let chosen = PickList.value(matching: value, in: dimension.values) else {
            throw .notAllowed(field: dimension.name, value: value, suggestions: PickList.suggestions(for: value, in: dimension.values),
                              allowed: dimension.values)
        }
        return dimension.tag(chosen)
    }

    /// The value of dimension `name` among `tags`, if the lead carries one.
    public static func value(of name: String, in tags: Set<String>) -> String? {
        tags.lazy.compactMap(split).first { $0.name == name }?.value
    }
}
