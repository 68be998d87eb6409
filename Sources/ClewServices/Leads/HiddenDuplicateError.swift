import ClewDomain
import Foundation

/// A new lead matched an open lead of another team: refused without naming it (its supervisor
/// is told instead).
public struct HiddenDuplicateError: UserFacingError, Equatable {
    public init() {}
    public var description: String { DuplicatePolicy.hiddenRefusal }
}
