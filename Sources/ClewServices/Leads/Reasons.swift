import ClewDomain
import Foundation

/// The reasons changes are made with (筛选理由, an objection, a return, a reopening).
public enum Reasons {
    /// `text` trimmed; an empty reason is refused for `purpose`.
    ///
    /// - Throws: ``ClewDomain/LeadError/reasonRequired(_:)``.
    public static func require(_ text: String, for purpose: ReasonPurpose) throws -> String {
        let reason = TextNormalization.trimmed(text)
        guard !reason.isEmpty else { throw LeadError.reasonRequired(purpose) }
        return reason
    }
}
