import ClewDomain
import ClewServices
import Foundation

extension LeadService {
    /// Merges lead `source` into lead `target` (supervisors and admins): `target` keeps its
    /// values and gains what it lacked; `source` becomes a tombstone pointing to `target`
    /// (``ClewServices/LeadMergingService/merge(_:into:)`` on this database).
    @discardableResult
    public func merge(_ source: String, into target: String) throws -> Lead {
        try LeadMergingService(context: context, actor: actor).merge(source, into: target)
    }
}
