import ClewDomain
import Foundation

/// Manual tags on a lead (with the process's tag dimensions).
public protocol TagUseCases: Sendable {
    /// Adds the tags `names` to lead `number`; returns the lead's tags.
    @discardableResult
    func add(_ names: [String], to number: String) throws -> [LeadTag]
    /// Removes the tags `names` from lead `number`; returns the lead's tags.
    @discardableResult
    func remove(_ names: [String], from number: String) throws -> [LeadTag]
}
