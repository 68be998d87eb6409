import ClewDomain
import Foundation

/// A logged follow-up.
public struct FollowUpEntry: Hashable, Sendable, Codable {
    public var id: Int64
    public var at: Date
    public var author: String
    public var method: FollowUpMethod
    public var contactPerson: String?
    public var content: String
    public var feedback: String?
    public var nextAction: String?
    public var nextDue: Date?
    public var stage: String?

    /// A value with each of its fields given.
    public init(id: Int64, at: Date, author: String, method: FollowUpMethod, contactPerson: String? = nil, content: String,
                feedback: String? = nil, nextAction: String? = nil, nextDue: Date? = nil, stage: String? = nil) {
        self.id = id
        self.at = at
        self.author = author
        self.method = method
        self.contactPerson = contactPerson
        self.content = content
        self.feedback = feedback
        self.nextAction = nextAction
        self.nextDue = nextDue
        self.stage = stage
    }
}
