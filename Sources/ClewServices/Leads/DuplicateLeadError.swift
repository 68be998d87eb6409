import ClewDomain
import Foundation

/// A new lead matched an existing one by phone or email.
public struct DuplicateLeadError: UserFacingError, Equatable {
    public var number: String
    public var owner: String?
    /// `phone` or `email`.
    public var field: String
    public var value: String

    public var description: String {
        "duplicate of \(number) (owner \(owner ?? "none")): same \(field) \(value); "
            + "use --allow-duplicate to register it anyway or --merge-into \(number) to add these details to it"
    }

    /// A value with each of its fields given.
    public init(number: String, owner: String? = nil, field: String, value: String) {
        self.number = number
        self.owner = owner
        self.field = field
        self.value = value
    }
}
