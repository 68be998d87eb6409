import ClewDomain
import Foundation

/// A value kept from an imported column Clew has no field for.
public struct CustomField: Hashable, Sendable, Codable {
    public var name: String
    public var value: String

    /// A value with each of its fields given.
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}
