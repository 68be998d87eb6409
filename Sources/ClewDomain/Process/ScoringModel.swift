import Foundation

/// How leads are scored (DESIGN §5): weighted dimensions whose rules map field values to points,
/// behaviour events that add points, and the thresholds that turn a score into a suggested grade.
public struct ScoringModel: Hashable, Codable, Sendable {
    /// The dimensions, each worth at most its weight.
    public var dimensions: [ScoringDimension]
    /// Behaviour events and the points each adds.
    public var events: [ScoringEvent]
    /// A score at least this suggests grade A.
    public var gradeA: Int
    /// A score at least this (and below ``gradeA``) suggests grade B.
    public var gradeB: Int
    /// Whether a behaviour event that raises the suggestion also raises a grade a supervisor
    /// set (seed 001: the grade rises by itself); off, the supervisor's grade is kept and the
    /// owner is told of the higher suggestion.
    public var eventsRaiseGrade: Bool

    public init(dimensions: [ScoringDimension], events: [ScoringEvent] = [], gradeA: Int = 70, gradeB: Int = 40, eventsRaiseGrade: Bool = false) {
        self.dimensions = dimensions
        self.events = events
        self.gradeA = gradeA
        self.gradeB = gradeB
        self.eventsRaiseGrade = eventsRaiseGrade
    }

    /// How many occurrences of one event count: repeating an event cannot grade a lead by itself.
    public static let maximumEventRepeats = 3

    /// The fields a rule may test: the lead's fields by name.
    public static let fields: [String] = LeadField.allCases.map(\.rawValue)

    /// What a rule's field names to test a tag dimension's value: `tag:客户类型`.
    public static let tagFieldPrefix = "tag:"

    /// Scores a lead: in each dimension the first matching rule gives its points (capped at the
    /// dimension's weight); each behaviour event in `events` adds its points once per
    /// occurrence, up to ``maximumEventRepeats`` times; the total is capped at 100.
    ///
    /// A rule whose field is `tag:NAME` tests the lead's value of tag dimension NAME among `tags`.
    public func score(_ details: LeadDraft, events: [String] = [], tags: Set<String> = []) -> LeadScore {
        var parts: [LeadScore.Part] = []
        for dimension in dimensions {
            for rule in dimension.rules {
                let text: String? = if rule.field.hasPrefix(Self.tagFieldPrefix) {
                    TagDimension.value(of: String(rule.field.dropFirst(Self.tagFieldPrefix.count)), in: tags) ?? ""
                } else {
                    LeadField(rawValue: rule.field).map { details[$0] ?? "" }
                }
                guard let text, rule.match.matches(text, field: LeadField(rawValue: rule.field)) else { continue }
                parts.append(LeadScore.Part(rule: rule.label, points: min(rule.points, dimension.weight)))
                break
            }
        }
        var counted: [String: Int] = [:]
        for event in events {
            guard let defined = self.events.first(where: { $0.event == event }) else { continue }
            counted[event, default: 0] += 1
            guard counted[event, default: 0] <= Self.maximumEventRepeats else { continue }
            parts.append(LeadScore.Part(rule: "event \(event)", points: defined.points))
        }
        let total = min(100, parts.reduce(0) { $0 + $1.points })
        return LeadScore(total: total, parts: parts, suggestedGrade: grade(forScore: total))
    }

    /// The grade a score suggests under these thresholds.
    public func grade(forScore score: Int) -> Grade { Grade.suggested(forScore: score, aAtLeast: gradeA, bAtLeast: gradeB) }
}

/// One weighted dimension of the score, such as budget match (40).
public struct ScoringDimension: Hashable, Codable, Sendable {
    public var key: String
    public var weight: Int
    /// Tried in order; the first that matches gives the dimension's points.
    public var rules: [ScoringRule]

    public init(key: String, weight: Int, rules: [ScoringRule]) {
        self.key = key
        self.weight = weight
        self.rules = rules
    }
}

/// `budget ≥ 50万 → 40 points`.
public struct ScoringRule: Hashable, Codable, Sendable {
    public var label: String
    public var field: String
    public var match: FieldMatch
    public var points: Int

    public init(label: String, field: String, match: FieldMatch, points: Int) {
        self.label = label
        self.field = field
        self.match = match
        self.points = points
    }
}

/// How a rule tests a field's text (case-insensitive).
public enum FieldMatch: Hashable, Codable, Sendable {
    /// The text contains any of the words.
    case contains([String])
    /// The text is one of the values.
    case equals([String])
    /// The text is present and is none of the values (e.g. not `待定`).
    case presentExcept([String])
    /// The text reads as an amount or range (``BudgetRange``) whose lower bound lies in
    /// `[min, max)` yuan (an end left nil is open): `min_yuan = 500000` is "50万 or more".
    case yuan(min: Int64?, max: Int64?)
    /// The text is a whole number in `[min, max)` (an end left nil is open): `min = 500` on
    /// `employees` is "500 people or more", `max = 2016` on `founded` "founded before 2016".
    case number(min: Int64?, max: Int64?)

    /// Whether `text`, the value of `field`, matches. On `company-type`, `equals` compares company
    /// types, so `SOE`, `state-owned` and `央企` in the file all match a lead's `国企`.
    public func matches(_ text: String, field: LeadField?) -> Bool {
        if field == .companyType, case let .equals(values) = self {
            guard let type = CompanyType(parsing: text) else { return false }
            return values.contains { CompanyType(parsing: $0) == type }
        }
        return matches(text)
    }

    public func matches(_ text: String) -> Bool {
        if case let .yuan(min, max) = self {
            // A budget range, or a single amount above a budget's bounds (a large annual revenue).
            guard let range = BudgetRange(parsing: text) ?? Money(parsing: text).map({ BudgetRange(minYuan: $0.fen / 100, maxYuan: $0.fen / 100) })
            else { return false }
            return range.lowerBound(isAtLeast: min, below: max)
        }
        if case let .number(min, max) = self {
            guard let value = Int64(Self.trimmedLowercased(text)) else { return false }
            return min.map { value >= $0 } ?? true && max.map { value < $0 } ?? true
        }
        let value = Self.trimmedLowercased(text)
        switch self {
        case .yuan, .number: return false
        case let .contains(words):
            let bytes = Array(value.utf8)
            return words.contains { Self.occurs(Array($0.lowercased().utf8), in: bytes) }
        case let .equals(values): return values.contains { value == $0.lowercased() }
        case let .presentExcept(values): return !value.isEmpty && !values.contains { value == $0.lowercased() }
        }
    }

    /// `text` lower-cased, without spaces and tabs at either end (what `trimmingCharacters(in:
    /// .whitespaces)` removes), in the standard library: scoring runs for every imported row.
    private static func trimmedLowercased(_ text: String) -> String {
        let scalars = text.lowercased().unicodeScalars
        func isSpace(_ scalar: Unicode.Scalar) -> Bool {
            scalar == " " || scalar == "\t" || (!scalar.isASCII && scalar.properties.generalCategory == .spaceSeparator)
        }
        guard let first = scalars.firstIndex(where: { !isSpace($0) }), let last = scalars.lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(scalars[first...last])
    }

    /// Whether the UTF-8 bytes of a word occur in `text`'s: a literal search (an empty word
    /// never matches, as with `String.contains`).
    private static func occurs(_ word: [UInt8], in text: [UInt8]) -> Bool {
        guard let head = word.first, word.count <= text.count else { return false }
        var start = 0
        while start + word.count <= text.count {
            if text[start] == head && text[start..<(start + word.count)].elementsEqual(word) { return true }
            start += 1
        }
        return false
    }
}

/// A behaviour event (`inbound_contact`) and the points it adds.
public struct ScoringEvent: Hashable, Codable, Sendable {
    public var event: String
    public var points: Int

    public init(event: String, points: Int) {
        self.event = event
        self.points = points
    }
}
