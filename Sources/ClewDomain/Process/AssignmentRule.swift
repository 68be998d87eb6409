/// An ordered routing rule (DESIGN §5): when every condition holds, the lead goes to a rep, a
/// team (its supervisor distributes) or a pool. The first matching rule wins.
public struct AssignmentRule: Hashable, Codable, Sendable {
    /// A name for reports and messages.
    public var name: String
    /// All must hold; an empty list matches every lead.
    public var conditions: [AssignmentCondition]
    public var target: AssignmentTarget

    public init(name: String, conditions: [AssignmentCondition], target: AssignmentTarget) {
        self.name = name
        self.conditions = conditions
        self.target = target
    }

    /// Whether every condition holds for a lead, given the values it has for each field
    /// (compared case-insensitively; a lead with no value fails the condition).
    public func matches(_ values: (AssignmentCondition.Field) -> [String]) -> Bool {
        conditions.allSatisfy { condition in
            let wanted = Set(condition.values.map { $0.lowercased() })
            return values(condition.field).contains { wanted.contains($0.lowercased()) }
        }
    }

    /// True when every lead this rule matches is also matched by `other`, so `other`, placed
    /// earlier, leaves this rule nothing to do.
    public func isCovered(by other: AssignmentRule) -> Bool {
        other.conditions.allSatisfy { theirs in
            conditions.contains { $0.field == theirs.field && Set($0.values.map { $0.lowercased() }).isSubset(of: theirs.values.map { $0.lowercased() }) }
        }
    }
}

/// `region in [华东, 华北]`.
public struct AssignmentCondition: Hashable, Codable, Sendable {
    /// What a routing condition can test.
    public enum Field: String, Hashable, Codable, Sendable, CaseIterable {
        case source, region, city, industry, grade, campaign, tag
    }

    public var field: Field
    /// Any one of them satisfies the condition.
    public var values: [String]

    public init(field: Field, values: [String]) {
        self.field = field
        self.values = values
    }
}

/// Where a matching lead goes.
public enum AssignmentTarget: Hashable, Codable, Sendable, CustomStringConvertible {
    /// A rep by login.
    case rep(String)
    /// A supervisor's team, by the supervisor's login.
    case team(String)
    /// A pool by name.
    case pool(String)

    /// `rep:alice`, `team:bob`, `pool:华东`.
    public var description: String {
        switch self {
        case let .rep(login): "rep:\(login)"
        case let .team(login): "team:\(login)"
        case let .pool(name): "pool:\(name)"
        }
    }

    /// Parses `rep:alice`, `team:bob`, `pool:华东`.
    public init?(parsing text: String) {
        let parts = text.split(separator: ":", maxSplits: 1).map { String($0).trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2, !parts[1].isEmpty else { return nil }
        switch parts[0] {
        case "rep": self = .rep(parts[1])
        case "team": self = .team(parts[1])
        case "pool": self = .pool(parts[1])
        default: return nil
        }
    }
}
