/// The values a field may take, as the process file lists them (`[fields.source] values = [...]`),
/// and whether text outside them is allowed (`free_text = true`).
///
/// ```swift
/// let list = PickList(values: ["官网注册", "线下展会"])
/// try list.accept("官网注册")   // "官网注册"
/// try list.accept("展会")        // throws: did you mean '线下展会'?
/// ```
public struct PickList: Hashable, Codable, Sendable {
    /// The allowed values, in the order the file lists them.
    public var values: [String]
    /// Whether a value outside ``values`` is kept as typed.
    public var freeText: Bool

    public init(values: [String], freeText: Bool = false) {
        self.values = values
        self.freeText = freeText
    }

    /// Problems with this list as the process file's `[fields.FIELD]` table.
    public func problems(field: String) -> [ProcessProblem] {
        var problems: [ProcessProblem] = []
        if values.isEmpty, !freeText { problems.append(ProcessProblem(section: "fields.\(field)", key: "values", message: "[fields.\(field)] lists no values and allows no free text")) }
        var seen = Set<String>()
        for value in values {
            if TextNormalization.trimmed(value).isEmpty {
                problems.append(ProcessProblem(section: "fields.\(field)", key: "values", message: "an empty value in [fields.\(field)]"))
            } else if !seen.insert(value.lowercased()).inserted {
                problems.append(ProcessProblem(section: "fields.\(field)", key: "values", message: "duplicate value '\(value)' in [fields.\(field)]"))
            }
        }
        return problems
    }

    /// The listed value `text` names (compared without case and outer spaces), or nil.
    public func value(matching text: String) -> String? { Self.value(matching: text, in: values) }

    /// `text` as the field keeps it: the listed spelling, or the trimmed text itself when free text
    /// is allowed (an empty text is nil).
    ///
    /// - Throws: ``PickListError/notAllowed(field:value:suggestions:allowed:)`` for text outside
    ///   the list when free text is not allowed.
    public func accept(_ text: String?, field: String) throws(PickListError) -> String? {
        guard let text, !TextNormalization.trimmed(text).isEmpty else { return nil }
        if let listed = value(matching: text) { return listed }
        let trimmed = TextNormalization.trimmed(text)
        if freeText || values.isEmpty { return trimmed }
        throw .notAllowed(field: field, value: trimmed, suggestions: Self.suggestions(for: trimmed, in: values), allowed: values)
    }

    /// The listed value `text` names, without case and outer spaces.
    public static func value(matching text: String, in values: [String]) -> String? {
        let key = TextNormalization.trimmed(text).lowercased()
        return values.first { $0.lowercased() == key }
    }

    /// Listed values `text` might mean, best first: those it is a prefix of, those containing it
    /// or contained in it (展会 → 线下展会), then the closest by edit distance.
    public static func suggestions(for text: String, in values: [String]) -> [String] {
        let key = TextNormalization.trimmed(text).lowercased()
        guard !key.isEmpty else { return [] }
        var found: [String] = []
        func add(_ value: String) { if !found.contains(value) { found.append(value) } }
        for value in values where value.lowercased().hasPrefix(key) { add(value) }
        for value in values where value.lowercased().contains(key) || key.contains(value.lowercased()) { add(value) }
        if found.isEmpty, let closest = Suggestion.closest(to: key, in: values) { add(closest) }
        return Array(found.prefix(3))
    }
}

/// Why a value was refused by a pick list or a tag dimension.
public enum PickListError: BilingualError, Equatable {
    /// `value` is not one of `allowed` for `field`; `suggestions` are what it might mean.
    case notAllowed(field: String, value: String, suggestions: [String], allowed: [String])
    /// A tag `NAME=VALUE` names a dimension the process file does not define.
    case unknownDimension(String, suggestions: [String], defined: [String])

    public var english: String {
        switch self {
        case let .notAllowed(field, value, suggestions, allowed):
            "\(field) '\(TextNormalization.terminalSafe(value))' is not an allowed value"
                + Self.didYouMean(suggestions, english: true) + "; allowed: \(allowed.joined(separator: ", "))"
        case let .unknownDimension(name, suggestions, defined):
            "no tag dimension '\(TextNormalization.terminalSafe(name))' in the process file"
                + Self.didYouMean(suggestions, english: true) + (defined.isEmpty ? "" : "; defined: \(defined.joined(separator: ", "))")
        }
    }

    public var chinese: String {
        switch self {
        case let .notAllowed(field, value, suggestions, allowed):
            "\(field)「\(TextNormalization.terminalSafe(value))」不在可选值中" + Self.didYouMean(suggestions, english: false)
                + "；可选：\(allowed.joined(separator: "、"))"
        case let .unknownDimension(name, suggestions, defined):
            "流程文件中没有标签维度「\(TextNormalization.terminalSafe(name))」" + Self.didYouMean(suggestions, english: false)
                + (defined.isEmpty ? "" : "；已定义：\(defined.joined(separator: "、"))")
        }
    }

    private static func didYouMean(_ suggestions: [String], english: Bool) -> String {
        guard !suggestions.isEmpty else { return "" }
        return english ? "; did you mean \(suggestions.map { "'\($0)'" }.joined(separator: " or "))?"
            : "；您是不是要输入\(suggestions.map { "「\($0)」" }.joined(separator: "或"))？"
    }
}
