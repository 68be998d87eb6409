import ClewDomain
import Foundation

/// What logging a follow-up produced.
public struct FollowUpResult: Sendable {
    public var followUpID: Int64
    /// The task created for the next action, if one was given.
    public var taskID: Int64?
    /// Warnings to show (a vague note, no next action).
    public var warnings: [String]
    /// Keyword tags the follow-up added to the lead (`price-objection`, …).
    public var tagsAdded: [String] = []

    /// A value with each of its fields given.
    public init(followUpID: Int64, taskID: Int64? = nil, warnings: [String], tagsAdded: [String] = []) {
        self.followUpID = followUpID
        self.taskID = taskID
        self.warnings = warnings
        self.tagsAdded = tagsAdded
    }
}
