import Foundation

/// How one field of a stale edit is merged (a three-way merge of one value): the value the
/// editor started from (`base`), what the user has in the form now (`mine`), and what another
/// user saved meanwhile (`theirs`). The user's typing is never lost; the other user's change is
/// taken wherever the user left the field alone.
public enum FieldMerge: Hashable, Sendable {
    /// Nobody changed it.
    case unchanged
    /// Only the other user changed it: the form takes their value.
    case theirs(String)
    /// Only this user changed it: their typing stays.
    case mine
    /// Both changed it to the same value.
    case same
    /// Both changed it differently: this user's typing stays, their value is shown beside it.
    case conflict(theirs: String)

    /// The merge of one field.
    public static func decide(base: String, mine: String, theirs: String) -> FieldMerge {
        switch (mine != base, theirs != base) {
        case (false, false): .unchanged
        case (false, true): .theirs(theirs)
        case (true, false): .mine
        case (true, true): mine == theirs ? .same : .conflict(theirs: theirs)
        }
    }

    /// The value the merged form holds.
    public func value(mine: String) -> String {
        if case let .theirs(value) = self { return value }
        return mine
    }

    /// Whether the other user changed this field (the form marks it).
    public var changedByOther: Bool {
        switch self {
        case .theirs, .same, .conflict: true
        case .unchanged, .mine: false
        }
    }
}
