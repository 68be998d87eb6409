import Foundation

/// A structured follow-up record (跟进记录, DESIGN §5) as entered, before it is saved.
public struct FollowUpDraft: Hashable, Codable, Sendable {
    /// When the contact happened.
    public var at: Date
    public var method: FollowUpMethod
    /// Who was spoken to, with their title ("王伟 采购经理").
    public var contactPerson: String?
    /// What was discussed.
    public var content: String
    /// The customer's feedback and any change in needs.
    public var feedback: String?
    /// The next action ("发送方案").
    public var nextAction: String?
    /// When the next action is due.
    public var nextDue: Date?

    public init(at: Date, method: FollowUpMethod, contactPerson: String? = nil, content: String,
                feedback: String? = nil, nextAction: String? = nil, nextDue: Date? = nil) {
        self.at = at
        self.method = method
        self.contactPerson = contactPerson
        self.content = content
        self.feedback = feedback
        self.nextAction = nextAction
        self.nextDue = nextDue
    }

    /// Checks the record: content is required; a next due date needs a next action and must not
    /// lie before the contact. Returns the cleaned draft and the warnings to show (vague notes).
    public func validate() throws(FollowUpError) -> (draft: FollowUpDraft, warnings: [String]) {
        var copy = self
        copy.content = TextNormalization.trimmed(content)
        copy.contactPerson = contactPerson.map(TextNormalization.trimmed).flatMap { $0.isEmpty ? nil : $0 }
        copy.feedback = feedback.map(TextNormalization.trimmed).flatMap { $0.isEmpty ? nil : $0 }
        copy.nextAction = nextAction.map(TextNormalization.trimmed).flatMap { $0.isEmpty ? nil : $0 }
        guard !copy.content.isEmpty else { throw .missingContent }
        if copy.nextDue != nil && copy.nextAction == nil { throw .dueWithoutAction }
        if let due = copy.nextDue, due < copy.at.addingTimeInterval(-86_400) { throw .dueBeforeContact }
        return (copy, FollowUpQuality.warnings(for: copy))
    }
}

/// Why a follow-up record was refused.
public enum FollowUpError: UserFacingError, Equatable {
    case missingContent
    case dueWithoutAction
    case dueBeforeContact
    case unknownMethod(String)

    public var description: String {
        switch self {
        case .missingContent: "a follow-up needs its content (what was discussed)"
        case .dueWithoutAction: "a next due date needs a next action (--next)"
        case .dueBeforeContact: "the next action cannot be due before the contact itself"
        case let .unknownMethod(text):
            "unknown follow-up method '\(text)'; use one of "
                + FollowUpMethod.allCases.map(\.rawValue).joined(separator: ", ")
                + Suggestion.hint(for: text, in: FollowUpMethod.allCases.map(\.rawValue))
        }
    }
}
